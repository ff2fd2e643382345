import type { Container } from '@azure/cosmos';

/**
 * A document written once, when a store is set up, and checked by every
 * later opening and by `/healthz`. A database that is there but lacks it has
 * lost its data (a local server restarted, a database deleted and recreated
 * by someone): nothing may then carry on as if an empty store were normal.
 */
export const STORE_MARKER_ID = 'store-marker';

export type StoreHealth = { ok: true } | { ok: false; problem: 'unreachable' | 'lost-data'; detail: string };

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/** Writes the marker unless it is there already. */
export async function writeStoreMarker(directory: Container, at: Date): Promise<void> {
  try {
    await directory.items.create({ id: STORE_MARKER_ID, type: STORE_MARKER_ID, setUpAt: at.toISOString() });
  } catch (error) {
    if (codeOf(error) !== 409) throw error;
  }
}

/** True when the marker is there; false when it, its container or its database is missing; throws when the store cannot be reached. */
export async function hasStoreMarker(directory: Container, abortSignal?: AbortSignal): Promise<boolean> {
  try {
    // The client answers a missing item with a 404 in the response, not an error.
    const { resource } = await directory.item(STORE_MARKER_ID, STORE_MARKER_ID).read(abortSignal === undefined ? undefined : { abortSignal });
    return resource !== undefined;
  } catch (error) {
    if (codeOf(error) === 404) return false;
    throw error;
  }
}

/** What `/healthz` reports of the store: one point read, cut off after `timeoutMs`. */
export async function storeHealth(directory: Container, timeoutMs: number): Promise<StoreHealth> {
  try {
    const there = await hasStoreMarker(directory, AbortSignal.timeout(timeoutMs));
    return there ? { ok: true } : { ok: false, problem: 'lost-data', detail: 'the store has lost its data: its set-up marker is missing (restore a backup: docs/data.md)' };
  } catch (error) {
    return { ok: false, problem: 'unreachable', detail: `the store cannot be reached (${error instanceof Error ? error.name : 'error'})` };
  }
}
