import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/**
 * A Cosmos-compatible server (`@vercel/cosmosdb-server`) in this process, on
 * 127.0.0.1 and a free port. Memory only: everything is gone when it stops,
 * unless `afterWrite` keeps it (see persist-embedded.ts). Used by embedded
 * mode (no COSMOS_ENDPOINT), the tests and the benchmarks.
 */
export type EmbeddedCosmos = {
  endpoint: string;
  /** HTTP requests the server has received: the benchmarks count store requests with it. */
  requests: () => number;
  /** Responses with this HTTP status so far (e.g. 412: etag conflicts). */
  responses: (status: number) => number;
  stop: () => Promise<void>;
};

export type EmbeddedCosmosOptions = {
  port?: number;
  /**
   * Runs after each write has changed the server's memory and before its
   * response is sent: a write is acknowledged only once this resolves. If it
   * rejects, the connection is cut, so the client sees the write fail.
   */
  afterWrite?: () => Promise<void>;
};

/** Queries, query plans and batches of reads are POSTs too; they change nothing. */
function isWrite(req: IncomingMessage): boolean {
  if (req.method === 'PUT' || req.method === 'PATCH' || req.method === 'DELETE') return true;
  return req.method === 'POST' && req.headers['x-ms-documentdb-isquery'] === undefined && req.headers['x-ms-cosmos-is-query-plan-request'] === undefined;
}

function holdUntil(res: ServerResponse, wait: () => Promise<void>): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode >= 400) return end(...args);
    wait().then(
      () => end(...args),
      (error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return res;
  }) as ServerResponse['end'];
}

export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  const server = createHttpServer({ keepAlive: true });
  const { afterWrite } = options;
  // Before the server's own listener, so `end` is wrapped before it can be called.
  if (afterWrite !== undefined) {
    server.prependListener('request', (req, res) => {
      if (isWrite(req)) holdUntil(res, afterWrite);
    });
  }
  let requests = 0;
  const statuses = new Map<number, number>();
  server.on('request', (_req, res) => {
    requests += 1;
    res.once('finish', () => statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => requests,
    responses: (status) => statuses.get(status) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
