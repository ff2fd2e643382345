import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the OneDrive that Teams puts a sent file in: serves files on
 * 127.0.0.1 at a free port, so a test can hand the bot a loopback download
 * URL (local mode allows loopback; azure mode would refuse it). `endless`
 * streams zeros until the client stops reading, counting what it sent.
 */
export type FileServer = {
  url(name: string): string;
  put(name: string, body: Uint8Array | string): void;
  /** Bytes written to the client for each endless download. */
  sentEndless: number;
  requests: string[];
  close(): Promise<void>;
};

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, Uint8Array>();
  const state = { sentEndless: 0, requests: [] as string[] };
  const chunk = new Uint8Array(64 * 1024);
  const stream = (res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const pump = () => {
      while (!res.destroyed && state.sentEndless < 200 * 1024 * 1024) {
        state.sentEndless += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  };
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    state.requests.push(name);
    if (name === 'endless') return stream(res);
    const file = files.get(name);
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.length) }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    put: (name, body) => void files.set(name, typeof body === 'string' ? new TextEncoder().encode(body) : body),
    get sentEndless() {
      return state.sentEndless;
    },
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
