import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkActivityBody } from './activity-body.js';
import { withCorrelation } from '../telemetry/correlation.js';
import type { Bot, BotOptions, SendProactive, SendView } from './create-bot.js';

export type StartBotOptions = BotOptions & {
  /** Default 127.0.0.1: a public address is the reverse proxy's or the platform's business. */
  host?: string;
  /** Default 3978, the Bot Framework's usual port; 0 picks a free one. */
  port?: number;
  /**
   * Shown by GET /healthz; `more` adds what the app knows without I/O.
   * `check`: the store's own answer (one point read, bounded in time): when
   * not ok, the probe answers 503 with the problem, so the platform stops
   * routing to an instance whose store is gone.
   */
  health: { store: string; version: string; more?: () => Record<string, unknown>; check?: () => Promise<HealthCheck> };
  /**
   * More endpoints on the same server (e.g. the scheduler's `POST /api/tick`),
   * matched on the exact path before the 404. A handler owns the response;
   * a thrown error becomes a logged 500.
   */
  routes?: readonly ExtraRoute[];
};

/** `/api/reports/*` matches one or more characters after the prefix; any other path matches exactly. */
export function routeMatches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('/*')) return pattern === path;
  const prefix = pattern.slice(0, -1);
  return path.length > prefix.length && path.startsWith(prefix);
}

export type HealthCheck = { ok: true } | { ok: false; problem: string; detail: string };

export type ExtraRoute = {
  method: 'GET' | 'POST';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

export type RunningBot = {
  /** Base URL, e.g. http://127.0.0.1:3978; the messaging endpoint is `${url}/api/messages`. */
  url: string;
  sendProactive: SendProactive;
  sendView: SendView;
  bot: Bot;
  stop(): Promise<void>;
};

// An activity with a big card is a few tens of KB; anything near this is not from Teams.
const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'expected Content-Type: application/json');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'request body is not an activity');
  return body as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The bot's HTTP endpoint: `POST /api/messages` for the Bot Connector and
 * `GET /healthz` for the platform's probe. Everything else is 404.
 *
 * It listens while the Teams libraries load (seconds of CPU): the platform's
 * probe is answered at once, and an activity that arrives meanwhile waits for
 * them. Resolves once the bot can handle activities.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const loading = import('./create-bot.js').then(({ createBot }) => createBot(options));
  // Awaited below (after listening) and by early activities; a failure is reported there.
  loading.catch(() => undefined);
  const { log } = options;

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/api/messages') {
        if (req.method !== 'POST') throw new HttpError(405, 'use POST');
        const checked = checkActivityBody(await readJson(req));
        if (!checked.ok) throw new HttpError(400, checked.problem);
        const authorization = req.headers.authorization ?? '';
        const bot = await loading;
        // One correlation id (and span) per activity: every log line of its handling names it.
        const turn = await withCorrelation('bot.activity', () => bot.adapter.processChecked(checked.activity, authorization, bot.logic));
        if (turn.refused !== null) {
          // One line, with no token and no key: who sent it is unknown, so nothing of theirs is logged either.
          log.warn('refused a request with no valid token', { status: 401, reason: turn.refused, activityType: checked.activity.type, hadToken: authorization !== '' });
          throw new HttpError(401, 'unauthorized');
        }
        if (turn.invoke === undefined) {
          res.writeHead(200);
          res.end();
        } else if (turn.invoke.body === undefined) {
          res.writeHead(turn.invoke.status);
          res.end();
        } else sendJson(res, turn.invoke.status, turn.invoke.body);
      } else if (path === '/healthz') {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'use GET');
        const check = (await options.health.check?.()) ?? { ok: true };
        const facts = { store: options.health.store, version: options.health.version, ...options.health.more?.() };
        if (check.ok) sendJson(res, 200, { status: 'ok', ...facts });
        else sendJson(res, 503, { status: check.problem, detail: check.detail, ...facts });
      } else {
        const matches = (options.routes ?? []).filter((r) => routeMatches(r.path, path ?? ''));
        if (matches.length === 0) throw new HttpError(404, 'not found');
        const route = matches.find((r) => r.method === req.method);
        if (route === undefined) throw new HttpError(405, `use ${matches.map((r) => r.method).join(' or ')}`);
        await route.handle(req, res);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { error: error.message });
        else res.end();
        return;
      }
      log.error('request failed', { path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  // Slow or idle clients must not hold sockets open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? 3978;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Cannot start the bot: ${host}:${wanted} is already in use. Stop the other process (another bot or Playground?) or choose another port.`, { cause: error })
          : error,
      );
    server.once('error', failed);
    server.listen(wanted, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  let bot: Bot;
  try {
    bot = await loading;
  } catch (error) {
    await stop();
    throw error;
  }
  log.info('bot listening', { url: `${url}/api/messages` });

  return { url, sendProactive: bot.sendProactive, sendView: bot.sendView, bot, stop };
}
