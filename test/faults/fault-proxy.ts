import { Agent, createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request:
 * - `reset`: the connection is reset before the request reaches the store (nothing written);
 * - `drop`: the request reaches the store (a write is done), then the answer is thrown away
 *   and the connection reset: the client cannot tell whether it was written;
 * - `delay`: forwarded after `ms`;
 * - `429` / `503`: answered by the proxy as Cosmos DB does when throttling or unavailable,
 *   without reaching the store.
 */
export type Fault = { kind: 'reset' } | { kind: 'drop' } | { kind: 'delay'; ms: number } | { kind: '429'; retryAfterMs: number } | { kind: '503' };

export type FaultProxy = {
  /** The address to give the app instead of the store's: `http://127.0.0.1:<port>`. */
  endpoint: string;
  /**
   * Faults the `n`th request from now on (1: the next one). Replaces any plan not yet used up.
   * `then` runs when that request is faulted (e.g. to fault another proxy's next request).
   */
  faultNth(n: number, fault: Fault, then?: () => void): void;
  /** Faults several requests, each `n` counted from now on (a double fault: two points of one operation). Replaces any plan. */
  faultEach(plans: ReadonlyArray<{ n: number; fault: Fault }>): void;
  /** Faults the `skip + 1`th request from now on that `match` picks (by method, path and body), once. */
  faultMatching(match: (request: { method: string; url: string; body: string }) => boolean, fault: Fault, skip?: number): void;
  /** Faults every request from now on while `on` is true (the store unreachable). */
  faultAll(fault: Fault | null): void;
  counts(): { requests: number; faulted: number };
  /** Every request so far, in order: method, path and the `id` of a JSON body (a created or replaced document). */
  requestLog(): readonly string[];
  close(): Promise<void>;
};

/**
 * A proxy of our own on loopback between the app and the local
 * Cosmos-compatible server, which speaks plain HTTP there (the embedded
 * server and COSMOS_ENDPOINT=http://127.0.0.1:…; no TLS to terminate). It
 * forwards each HTTP request as it came, over keep-alive connections, and
 * faults the requests it is told to, counting what it did. It listens on
 * and forwards to 127.0.0.1 only.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  if (target.hostname !== '127.0.0.1') throw new Error(`the fault proxy forwards to 127.0.0.1 only, not ${target.hostname}`);
  const agent = new Agent({ keepAlive: true });
  let requests = 0;
  let faulted = 0;
  let plans: Array<{ at: number; fault: Fault; then?: () => void }> = [];
  let always: Fault | null = null;
  let matching: { match: (request: { method: string; url: string; body: string }) => boolean; fault: Fault; skip: number } | null = null;
  const seen: string[] = [];

  const pass = (req: IncomingMessage, res: ServerResponse, body: Buffer, onAnswer: (answer: IncomingMessage) => void) => {
    const out = forward({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, onAnswer);
    out.on('error', () => res.socket?.destroy());
    out.end(body);
  };
  const relay = (res: ServerResponse) => (answer: IncomingMessage) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  };

  const apply = (fault: Fault, req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    faulted++;
    switch (fault.kind) {
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'drop':
        pass(req, res, body, (answer) => {
          answer.resume();
          answer.once('end', () => req.socket.resetAndDestroy());
        });
        return;
      case 'delay':
        setTimeout(() => pass(req, res, body, relay(res)), fault.ms);
        return;
      case '429':
        cosmosError(res, 429, 'TooManyRequests', { 'x-ms-retry-after-ms': String(fault.retryAfterMs), 'x-ms-substatus': '3200' });
        return;
      case '503':
        cosmosError(res, 503, 'ServiceUnavailable', {});
        return;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      const body = Buffer.concat(chunks);
      seen.push(`${req.method} ${req.url} ${documentId(body)}`.trim());
      const planned = plans.find((p) => p.at === requests);
      plans = plans.filter((p) => p.at > requests);
      let picked: Fault | null = null;
      if (matching !== null && matching.match({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') }) && matching.skip-- === 0) {
        picked = matching.fault;
        matching = null;
      }
      const fault = always ?? planned?.fault ?? picked;
      if (fault === null) pass(req, res, body, relay(res));
      else apply(fault, req, res, body);
      planned?.then?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faultNth(n, fault, then) {
      plans = [{ at: requests + n, fault, ...(then === undefined ? {} : { then }) }];
    },
    faultEach(each) {
      plans = each.map(({ n, fault }) => ({ at: requests + n, fault }));
    },
    faultMatching(match, fault, skip = 0) {
      matching = { match, fault, skip };
    },
    faultAll(fault) {
      always = fault;
    },
    counts: () => ({ requests, faulted }),
    requestLog: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function cosmosError(res: ServerResponse, status: number, code: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-ms-activity-id': '00000000-0000-0000-0000-000000000000', ...headers });
  res.end(JSON.stringify({ code, message: `fault proxy: ${code}` }));
}

function documentId(body: Buffer): string {
  try {
    const id = (JSON.parse(body.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}
