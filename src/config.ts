import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
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
 * | DATA_DIR           | The embedded store's folder, kept across restarts; default             |
 * |                    | ./local-data. Delete it to start afresh (docs/data.md).                |
 * | PARTNERSHIP_CLI_AS | The CLI's author: a coordinator's Entra object id                      |
 * |                    | (docs/coordinators.md).                                                |
 *
 * The bot (Azure Bot, single tenant; the Bot Framework's own names, so an
 * App Service configured for a Bot Framework bot needs no renaming):
 *
 * | MicrosoftAppId       | The Azure Bot's app (client) id. Unset: local mode (no tokens),   |
 * |                      | which listens on loopback only with the embedded or a loopback    |
 * |                      | store; set: azure mode, which needs COSMOS_ENDPOINT.              |
 * | MicrosoftAppType     | SingleTenant (default with an app id) or UserAssignedMSI.         |
 * | MicrosoftAppPassword | Client secret, for SingleTenant without a certificate.            |
 * | MicrosoftAppCertificateThumbprint / MicrosoftAppCertificateKeyFile | A certificate instead. |
 * | MicrosoftAppTenantId | The partnership's tenant: every other tenant is refused.          |
 * | HOST / PORT          | Where POST /api/messages listens; default 127.0.0.1:3978.         |
 * | PLAYGROUND           | on/off: the local Teams client; default on in local mode.         |
 * | PLAYGROUND_PORT      | Its port; default 56150.                                          |
 * | PLAYGROUND_USER      | Who you are in it: lead, chair or coordinator; default lead.      |
 * | REPORT_LINK_SECRET   | Signs the summary's download links (32+ characters). Required with |
 * |                      | an app id; in local mode a random one is made at each start.      |
 * | PUBLIC_BASE_URL      | The bot's address as browsers reach it, e.g. https://bot.example; |
 * |                      | default http://127.0.0.1:PORT in local mode.                      |
 *
 * The chase (the scheduler):
 *
 * | SCHEDULER               | on/off: the in-process timer; default on. Off when an external   |
 * |                         | cron calls POST /api/tick instead (or for a read-only instance). |
 * | SCHEDULER_EVERY_SECONDS | How often the timer ticks; default 60 (10 to 3600).              |
 * | TICK_SECRET             | Turns on POST /api/tick: callers send it in the                  |
 * |                         | x-partnership-tick-secret header (32+ characters). Unset: 404;   |
 * |                         | in local mode a random one is made at each start and printed.    |
 *
 * | APPLICATIONINSIGHTS_CONNECTION_STRING | Traces and metrics to Application Insights   |
 * |                                       | (OpenTelemetry). Unset: logs only, on stderr. |
 */

/** The emulator's published, well-known key: what local Cosmos-compatible servers accept. */
export const LOCAL_SERVER_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export type CosmosSettings =
  /** `dataDir`: the folder the embedded store keeps its data in across restarts. */
  | { mode: 'embedded'; database: string; dataDir: string }
  | { mode: 'account'; endpoint: string; auth: { kind: 'key'; key: string } | { kind: 'identity' }; database: string; local: boolean };

export type BotAuthSettings =
  | { kind: 'none' }
  | { kind: 'secret'; appId: string; password: string }
  /** The key is read by the composition root, not here: config reads the environment only. */
  | { kind: 'certificate'; appId: string; thumbprint: string; privateKeyFile: string }
  | { kind: 'managed-identity'; appId: string };

export type PlaygroundUserRole = 'lead' | 'chair' | 'coordinator';

export type BotSettings = {
  /** `local`: no Azure settings; the bot accepts the Agents Playground's token-less calls. */
  mode: 'local' | 'azure';
  auth: BotAuthSettings;
  /** Required in azure mode; in local mode null means the sample partnership's tenant. */
  tenantId: string | null;
  host: string;
  port: number;
  /** Null when the Playground is off (always in azure mode). */
  playground: { port: number; user: PlaygroundUserRole } | null;
};

/** The summary card's download links. */
export type ReportLinkSettings = {
  secret: string;
  /** Null: the address the bot listens on (local mode), known once it listens. */
  publicBaseUrl: string | null;
};

/** How the chase is triggered. */
export type SchedulerSettings = {
  /** The in-process timer. */
  timer: { everyMs: number } | null;
  /** The shared secret of `POST /api/tick`; null: the endpoint is not mounted. */
  tickSecret: string | null;
};

export type Config = {
  cosmos: CosmosSettings;
  bot: BotSettings;
  reports: ReportLinkSettings;
  scheduler: SchedulerSettings;
  /** The Entra object id the CLI records as author, when no `--as` is given. */
  cliAs: string | null;
  /** Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: traces and metrics go there. */
  telemetry: { connectionString: string } | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  DATA_DIR: z.preprocess(blankIsUnset, z.string().optional()),
  PARTNERSHIP_CLI_AS: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  MicrosoftAppId: z.preprocess(blankIsUnset, z.string().regex(GUID, 'must be the Azure Bot\'s app (client) id, a GUID').optional()),
  MicrosoftAppType: z.preprocess(
    blankIsUnset,
    z.enum(['SingleTenant', 'UserAssignedMSI'], { error: 'must be SingleTenant or UserAssignedMSI (a multi-tenant bot is not supported: the partnership is one tenant)' }).optional(),
  ),
  MicrosoftAppPassword: z.preprocess(blankIsUnset, z.string().optional()),
  MicrosoftAppCertificateThumbprint: z.preprocess(blankIsUnset, z.string().regex(/^[0-9A-Fa-f]{40}$/, 'must be the certificate\'s SHA-1 thumbprint (40 hex digits)').optional()),
  MicrosoftAppCertificateKeyFile: z.preprocess(blankIsUnset, z.string().optional()),
  MicrosoftAppTenantId: z.preprocess(blankIsUnset, z.string().regex(GUID, 'must be the partnership\'s Entra tenant id, a GUID').optional()),
  HOST: z.preprocess(blankIsUnset, z.string().regex(/^[0-9A-Za-z.:[\]-]+$/, 'must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0').default('127.0.0.1')),
  PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0, 'must be a port number').max(65535, 'must be a port number').default(3978)),
  PLAYGROUND: z.preprocess(blankIsUnset, z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  PLAYGROUND_PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0, 'must be a port number').max(65535, 'must be a port number').default(56150)),
  REPORT_LINK_SECRET: z.preprocess(blankIsUnset, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
  PUBLIC_BASE_URL: z.preprocess(
    blankIsUnset,
    z.url({ protocol: /^https?$/, error: 'must be the bot\'s address as browsers reach it, e.g. https://actions.example.org' }).optional(),
  ),
  SCHEDULER: z.preprocess(blankIsUnset, z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
  SCHEDULER_EVERY_SECONDS: z.preprocess(
    blankIsUnset,
    z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(10, 'must be at least 10').max(3600, 'must be at most 3600').default(60),
  ),
  TICK_SECRET: z.preprocess(blankIsUnset, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
  PLAYGROUND_USER: z.preprocess(blankIsUnset, z.enum(['lead', 'chair', 'coordinator'], { error: 'must be lead, chair or coordinator' }).default('lead')),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
    blankIsUnset,
    z.string().regex(/InstrumentationKey=/i, 'must be the Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)').optional(),
  ),
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * `server` (the default): the settings `npm start` serves with, where local
 * and azure mode must not be confused. `cli`: an admin command, which serves
 * nothing, so it may reach an Azure store without the bot's settings.
 */
export type ConfigUse = 'server' | 'cli';

export function loadConfig(env: Record<string, string | undefined> = process.env, use: ConfigUse = 'server'): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  let cosmos: CosmosSettings = { mode: 'embedded', database: e.COSMOS_DATABASE, dataDir: resolve(e.DATA_DIR ?? 'local-data') };
  if (e.COSMOS_ENDPOINT === undefined) {
    if (e.COSMOS_KEY !== undefined) problems.push('COSMOS_KEY is set but COSMOS_ENDPOINT is not: set both, or neither for the embedded store');
  } else {
    if (e.DATA_DIR !== undefined) problems.push('DATA_DIR is set with COSMOS_ENDPOINT: DATA_DIR is the embedded store\'s folder; unset one of them');
    const url = new URL(e.COSMOS_ENDPOINT);
    const local = isLoopback(url);
    if (url.protocol === 'http:' && !local) {
      problems.push(`COSMOS_ENDPOINT ${e.COSMOS_ENDPOINT} uses plain http; only a server on this machine (127.0.0.1) may: use https`);
    }
    const auth = e.COSMOS_KEY !== undefined ? { kind: 'key' as const, key: e.COSMOS_KEY } : local ? { kind: 'key' as const, key: LOCAL_SERVER_KEY } : { kind: 'identity' as const };
    cosmos = { mode: 'account', endpoint: e.COSMOS_ENDPOINT, auth, database: e.COSMOS_DATABASE, local };
  }
  const bot = botSettings(e, problems);
  if (use === 'server') problems.push(...modeProblems(bot, cosmos));
  if (bot.mode === 'azure') {
    // Links signed with a secret made at start would die with each restart and differ between instances.
    if (e.REPORT_LINK_SECRET === undefined) problems.push('REPORT_LINK_SECRET is missing: the summary\'s download links need a fixed secret of 32+ characters');
    if (e.PUBLIC_BASE_URL === undefined) problems.push('PUBLIC_BASE_URL is missing: the summary\'s download links need the bot\'s public https address');
    else if (new URL(e.PUBLIC_BASE_URL).protocol !== 'https:') problems.push(`PUBLIC_BASE_URL ${e.PUBLIC_BASE_URL} uses plain http: use https`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const reports = { secret: e.REPORT_LINK_SECRET ?? randomBytes(32).toString('base64url'), publicBaseUrl: e.PUBLIC_BASE_URL ?? null };
  const scheduler = {
    timer: e.SCHEDULER === 'on' ? { everyMs: e.SCHEDULER_EVERY_SECONDS * 1000 } : null,
    // Local mode always has the endpoint, so a chase can be run by hand (the banner prints how).
    tickSecret: e.TICK_SECRET ?? (bot.mode === 'local' ? randomBytes(32).toString('base64url') : null),
  };
  const telemetry = e.APPLICATIONINSIGHTS_CONNECTION_STRING === undefined ? null : { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING };
  return { cosmos, bot, reports, scheduler, cliAs: e.PARTNERSHIP_CLI_AS ?? null, telemetry };
}

/**
 * Local mode checks no tokens, so it must be unreachable from elsewhere and
 * hold no production data; azure mode must never keep data in the embedded
 * store, which lives on one machine's disk.
 */
function modeProblems(bot: BotSettings, cosmos: CosmosSettings): string[] {
  if (bot.mode === 'azure') {
    return cosmos.mode === 'embedded'
      ? ['COSMOS_ENDPOINT is missing: with MicrosoftAppId set (azure mode) the data must live in Azure Cosmos DB; set COSMOS_ENDPOINT (and COSMOS_KEY or a managed identity), or unset MicrosoftAppId for local mode']
      : [];
  }
  const problems: string[] = [];
  if (!LOOPBACK_HOSTS.has(bot.host)) {
    problems.push(`HOST=${bot.host} would serve without sign-in: local mode (MicrosoftAppId unset) checks no tokens, so it listens on 127.0.0.1 only; unset HOST, or set MicrosoftAppId, MicrosoftAppTenantId and a credential for azure mode`);
  }
  if (cosmos.mode === 'account' && !cosmos.local) {
    problems.push(`COSMOS_ENDPOINT ${cosmos.endpoint} is not on this machine, and local mode (MicrosoftAppId unset) checks no tokens: unset COSMOS_ENDPOINT for the embedded store, point it at 127.0.0.1, or set MicrosoftAppId, MicrosoftAppTenantId and a credential for azure mode`);
  }
  return problems;
}

/** The admin CLI's settings: see {@link ConfigUse}. */
export function loadCliConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(env, 'cli');
}

function botSettings(e: z.infer<typeof EnvSchema>, problems: string[]): BotSettings {
  const common = { host: e.HOST, port: e.PORT };
  if (e.MicrosoftAppId === undefined) {
    for (const name of ['MicrosoftAppType', 'MicrosoftAppPassword', 'MicrosoftAppCertificateThumbprint', 'MicrosoftAppCertificateKeyFile'] as const) {
      if (e[name] !== undefined) problems.push(`${name} is set but MicrosoftAppId is not: set the Azure Bot's app id too, or neither for local mode`);
    }
    const playground = e.PLAYGROUND !== 'off' ? { port: e.PLAYGROUND_PORT, user: e.PLAYGROUND_USER } : null;
    return { mode: 'local', auth: { kind: 'none' }, tenantId: e.MicrosoftAppTenantId ?? null, ...common, playground };
  }
  if (e.PLAYGROUND === 'on') problems.push('PLAYGROUND=on needs local mode: the Agents Playground sends no tokens, so unset MicrosoftAppId to use it');
  if (e.MicrosoftAppTenantId === undefined) problems.push('MicrosoftAppTenantId is missing: a single-tenant Azure Bot needs the partnership\'s Entra tenant id');
  const appId = e.MicrosoftAppId;
  let auth: BotAuthSettings = { kind: 'none' };
  if (e.MicrosoftAppType === 'UserAssignedMSI') {
    if (e.MicrosoftAppPassword !== undefined || e.MicrosoftAppCertificateThumbprint !== undefined) {
      problems.push('MicrosoftAppType=UserAssignedMSI takes no MicrosoftAppPassword or certificate: the managed identity is the credential');
    }
    auth = { kind: 'managed-identity', appId };
  } else {
    const cert = e.MicrosoftAppCertificateThumbprint !== undefined || e.MicrosoftAppCertificateKeyFile !== undefined;
    if (e.MicrosoftAppPassword !== undefined && cert) {
      problems.push('MicrosoftAppPassword and MicrosoftAppCertificateThumbprint are both set: use one credential');
    } else if (e.MicrosoftAppPassword !== undefined) {
      auth = { kind: 'secret', appId, password: e.MicrosoftAppPassword };
    } else if (cert) {
      if (e.MicrosoftAppCertificateThumbprint === undefined) problems.push('MicrosoftAppCertificateThumbprint is missing: a certificate needs its thumbprint and MicrosoftAppCertificateKeyFile');
      else if (e.MicrosoftAppCertificateKeyFile === undefined) problems.push('MicrosoftAppCertificateKeyFile is missing: the path of the certificate\'s private key (PEM)');
      else auth = { kind: 'certificate', appId, thumbprint: e.MicrosoftAppCertificateThumbprint, privateKeyFile: e.MicrosoftAppCertificateKeyFile };
    } else {
      problems.push('MicrosoftAppPassword is missing: give the Azure Bot\'s client secret, a certificate (MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile), or MicrosoftAppType=UserAssignedMSI');
    }
  }
  return { mode: 'azure', auth, tenantId: e.MicrosoftAppTenantId ?? null, ...common, playground: null };
}

/**
 * The environment a child process of ours (the local Teams client) starts
 * from: this process's own, so PATH and HOME reach it. Read here, like every
 * other setting, so only this module touches the process environment.
 */
export function childProcessEnvironment(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  return { ...env };
}
