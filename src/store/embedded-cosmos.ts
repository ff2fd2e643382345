import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/**
 * A Cosmos-compatible server (`@vercel/cosmosdb-server`) in this process, on
 * 127.0.0.1 and a free port. Memory only: everything is gone when it stops.
 * Used by embedded mode (no COSMOS_ENDPOINT), the tests and the benchmarks.
 */
export type EmbeddedCosmos = {
  endpoint: string;
  /** HTTP requests the server has received: the benchmarks count store requests with it. */
  requests: () => number;
  /** Responses with this HTTP status so far (e.g. 412: etag conflicts). */
  responses: (status: number) => number;
  stop: () => Promise<void>;
};

export async function startEmbeddedCosmos(options: { port?: number } = {}): Promise<EmbeddedCosmos> {
  const server = createHttpServer({ keepAlive: true });
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
