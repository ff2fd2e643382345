import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/**
 * The local Cosmos-compatible server with every request measured: what was
 * written (the largest document, the bytes) and an RU-equivalent estimate
 * from Azure Cosmos DB's published rates (a point read of 1 KB is 1 RU, a
 * write of 1 KB about 5 RU with default indexing, both growing with size; a
 * query about 2.5 RU plus 1 RU per KB returned). The query-plan request the
 * SDK sends beside each query is counted as a request, not as RUs. An
 * estimate for comparing layouts, not a bill.
 */
export type Costs = { requests: number; writes: number; largestWrite: number; bytesWritten: number; bytesRead: number; ru: number };

/** `take` returns the costs since the last `take` (or the start) and starts counting afresh. */
export type MeasuredCosmos = { endpoint: string; take: () => Costs; stop: () => Promise<void> };

const KB = 1024;

function estimate(kind: 'write' | 'read' | 'query', bytes: number): number {
  if (kind === 'write') return 5 * Math.max(1, bytes / KB);
  if (kind === 'read') return Math.max(1, bytes / KB);
  return 2.5 + bytes / KB;
}

export async function startMeasuredCosmos(): Promise<MeasuredCosmos> {
  const server = createHttpServer({ keepAlive: true });
  const zero = (): Costs => ({ requests: 0, writes: 0, largestWrite: 0, bytesWritten: 0, bytesRead: 0, ru: 0 });
  let costs = zero();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    costs.requests += 1;
    const onDocs = /\/docs(\/|$)/.test(req.url ?? '');
    const isQuery = req.headers['x-ms-documentdb-isquery'] !== undefined || req.headers['content-type'] === 'application/query+json';
    const isPlan = req.headers['x-ms-cosmos-is-query-plan-request'] !== undefined;
    const written = Number(req.headers['content-length'] ?? 0);
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const returned = typeof chunk === 'string' || chunk instanceof Uint8Array ? Buffer.byteLength(chunk) : 0;
      if (onDocs && !isPlan && res.statusCode < 300) {
        if (isQuery) {
          costs.bytesRead += returned;
          costs.ru += estimate('query', returned);
        } else if (req.method === 'GET') {
          costs.bytesRead += returned;
          costs.ru += estimate('read', returned);
        } else {
          costs.writes += 1;
          costs.bytesWritten += written;
          costs.largestWrite = Math.max(costs.largestWrite, written);
          costs.ru += estimate('write', written);
        }
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
  });
  // Longer than any pause of a loaded machine: a connection the server closes as idle while the client reuses it is an ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    take: () => {
      const taken = costs;
      costs = zero();
      return taken;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
