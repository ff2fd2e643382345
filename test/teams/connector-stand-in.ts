import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_SEND_LIMITS, TEAMS_TENANT_LIMIT, type RateWindow } from '../../src/scheduler/teams-rate-limits.js';

export type StandInOptions = {
  /** Requests a second the whole bot may make (Teams': 50 per app per tenant). */
  tenantPerSecond?: number;
  /** Each conversation's windows for sends and creates (Teams' by default). */
  conversationLimits?: readonly RateWindow[];
  /** How long each answer takes, as Teams' own does (a few hundred ms); 0 by default. */
  latencyMs?: number;
};

export type Accepted = { at: number; conversation: string; activity: unknown };

export type ConnectorStandIn = {
  /** The service URL to put in conversation references: `http://127.0.0.1:<port>/`. */
  url: string;
  counts(): { requests: number; throttled: number; throttledTenant: number; throttledConversation: number; accepted: number };
  /** Every send and create let through, in order of arrival. */
  accepted: Accepted[];
  /** The most requests let through in any one second, and the most into one conversation in any one second. */
  peaks(): { tenantPerSecond: number; conversationPerSecond: number };
  close(): Promise<void>;
};

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)\/(activities|members)(?:\/([^/]+))?)?\/?$/;

/**
 * A Bot Connector on loopback that keeps a bot to Teams' published rate
 * limits (teams-rate-limits.ts): it answers the calls the bot's proactive
 * sends make (botbuilder's connector client: create a conversation, send or
 * reply to an activity, update one, read members), lets through a request
 * only while the tenant-wide rate and the conversation's windows have room,
 * and answers 429 with a Retry-After (whole seconds, as Teams does) when they
 * have not, counting every request and every 429. A refused request does not
 * use up the window. No tokens are checked: the bot runs without an app id.
 */
export async function startConnectorStandIn(options: StandInOptions = {}): Promise<ConnectorStandIn> {
  const tenant: RateWindow[] = [{ windowMs: TEAMS_TENANT_LIMIT.windowMs, max: options.tenantPerSecond ?? TEAMS_TENANT_LIMIT.max }];
  const conversationLimits = options.conversationLimits ?? TEAMS_SEND_LIMITS;
  const accepted: Accepted[] = [];
  const allowed: number[] = [];
  const sentTo = new Map<string, number[]>();
  let requests = 0;
  let throttledTenant = 0;
  let throttledConversation = 0;
  let created = 0;

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const send = () => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if ((options.latencyMs ?? 0) > 0) setTimeout(send, options.latencyMs);
    else send();
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string, now: number) => {
    requests++;
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const route = ROUTE.exec(path);
    if (route === null) return answer(res, 404, { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } });
    const [, rawConversation, kind, activityId] = route;
    const creating = rawConversation === undefined && req.method === 'POST';
    const sending = kind === 'activities' && (req.method === 'POST' || req.method === 'PUT');
    const conversation = rawConversation === undefined ? null : decodeURIComponent(rawConversation);
    const tenantWait = overBy(allowed, tenant, now);
    const conversationWait = sending && conversation !== null ? overBy(sentTo.get(conversation) ?? [], conversationLimits, now) : 0;
    if (tenantWait > 0 || conversationWait > 0) {
      if (tenantWait > 0) throttledTenant++;
      else throttledConversation++;
      const seconds = Math.max(1, Math.ceil(Math.max(tenantWait, conversationWait) / 1000));
      return answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'Retry-After': String(seconds) });
    }
    allowed.push(now);
    if (creating) {
      created++;
      return answer(res, 201, { id: `a:created-${created}`, activityId: null });
    }
    if (kind === 'members') return answer(res, 200, []);
    if (req.method === 'GET' || conversation === null) return answer(res, 405, { error: { code: 'MethodNotAllowed', message: `${req.method} ${path}` } });
    sentTo.set(conversation, [...(sentTo.get(conversation) ?? []), now]);
    let activity: unknown = null;
    try {
      activity = JSON.parse(text);
    } catch {
      return answer(res, 400, { error: { code: 'BadArgument', message: 'the activity is not JSON' } });
    }
    accepted.push({ at: now, conversation, activity });
    return answer(res, req.method === 'PUT' ? 200 : 201, { id: activityId ?? `m-${accepted.length}` });
  };

  const server = createServer((req, res) => {
    // Counted when the request arrives, as Teams would, not when its body has been read.
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8'), arrived));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    accepted,
    counts: () => ({ requests, throttled: throttledTenant + throttledConversation, throttledTenant, throttledConversation, accepted: accepted.length }),
    peaks: () => {
      const byConversation = new Map<string, number[]>();
      for (const a of accepted) byConversation.set(a.conversation, [...(byConversation.get(a.conversation) ?? []), a.at]);
      // Bodies are read at their own pace: arrival stamps may come a little out of order.
      const ascending = (times: number[]) => [...times].sort((a, b) => a - b);
      return { tenantPerSecond: fullestWindow(ascending(allowed)), conversationPerSecond: Math.max(0, ...[...byConversation.values()].map((times) => fullestWindow(ascending(times)))) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How long until one more request fits every window, counting what was let through in (now − windowMs, now]; 0 when it fits now. */
function overBy(times: number[], limits: readonly RateWindow[], now: number): number {
  let wait = 0;
  for (const { windowMs, max } of limits) {
    const inWindow = times.filter((t) => t > now - windowMs);
    if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now);
  }
  return wait;
}

/** The most of `times` (ascending) in any window (t − windowMs, t], as Teams counts. */
export function fullestWindow(times: readonly number[], windowMs = 1000): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[j]! <= times[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
