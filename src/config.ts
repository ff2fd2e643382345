import { z } from 'zod';

/**
 * Every setting, read once from the environment and validated. Nothing else
 * in the app reads `process.env`: composition roots call `loadConfig()` and
 * pass the result down. A missing or bad setting stops start-up with a
 * message naming it.
 *
 * | Setting            | Meaning                                                                 |
 * |--------------------|-------------------------------------------------------------------------|
 * | COSMOS_ENDPOINT    | Cosmos DB account (https://…documents.azure.com:443/) or a local        |
 * |                    | Cosmos-compatible server (http://127.0.0.1:PORT). Unset: embedded mode. |
 * | COSMOS_KEY         | Account key. Unset with an https endpoint: managed identity             |
 * |                    | (DefaultAzureCredential). A loopback http endpoint needs none.          |
 * | COSMOS_DATABASE    | Database name; default `partnership-actions`.                          |
 * | PARTNERSHIP_CLI_AS | The CLI's author: a coordinator's Entra object id (see README, Store).  |
 */

/** The emulator's published, well-known key: what local Cosmos-compatible servers accept. */
export const LOCAL_SERVER_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export type CosmosSettings =
  | { mode: 'embedded'; database: string }
  | { mode: 'account'; endpoint: string; auth: { kind: 'key'; key: string } | { kind: 'identity' }; database: string; local: boolean };

export type Config = {
  cosmos: CosmosSettings;
  /** The Entra object id the CLI records as author, when no `--as` is given. */
  cliAs: string | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const EnvSchema = z.object({
  COSMOS_ENDPOINT: z.preprocess(
    blankIsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be a URL such as https://myaccount.documents.azure.com:443/ or http://127.0.0.1:8081' })
      .optional(),
  ),
  COSMOS_KEY: z.preprocess(blankIsUnset, z.string().optional()),
  COSMOS_DATABASE: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/, 'must be letters, digits, "-" or "_"')
      .default('partnership-actions'),
  ),
  PARTNERSHIP_CLI_AS: z.preprocess(blankIsUnset, z.string().min(1).optional()),
});

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  let cosmos: CosmosSettings = { mode: 'embedded', database: e.COSMOS_DATABASE };
  if (e.COSMOS_ENDPOINT === undefined) {
    if (e.COSMOS_KEY !== undefined) problems.push('COSMOS_KEY is set but COSMOS_ENDPOINT is not: set both, or neither for the embedded store');
  } else {
    const url = new URL(e.COSMOS_ENDPOINT);
    const local = isLoopback(url);
    if (url.protocol === 'http:' && !local) {
      problems.push(`COSMOS_ENDPOINT ${e.COSMOS_ENDPOINT} uses plain http; only a server on this machine (127.0.0.1) may: use https`);
    }
    const auth = e.COSMOS_KEY !== undefined ? { kind: 'key' as const, key: e.COSMOS_KEY } : local ? { kind: 'key' as const, key: LOCAL_SERVER_KEY } : { kind: 'identity' as const };
    cosmos = { mode: 'account', endpoint: e.COSMOS_ENDPOINT, auth, database: e.COSMOS_DATABASE, local };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { cosmos, cliAs: e.PARTNERSHIP_CLI_AS ?? null };
}
