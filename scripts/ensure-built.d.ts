/** Why `npm start` must build first (dist/ missing or older than src/), or null when dist/ is current. */
export function buildReason(root?: string): string | null;
/** Builds src/ into dist/ when needed, printing progress through `say`; rejects with a message naming the fix. */
export function ensureBuilt(say?: (line: string) => void): Promise<void>;
/** Turns on the compile cache and builds if needed; exits with code 2 if the build fails. */
export function readyToRun(): Promise<void>;
