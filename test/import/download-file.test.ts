import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { downloadFile, downloadUrlProblem, type DownloadPolicy } from '../../src/import/download-file.js';

/** A real HTTP server on 127.0.0.1, answering each path as the test says: redirects, slow and lying servers. */
let base = '';
const handlers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
const server = createServer((req, res) => (handlers.get(req.url ?? '') ?? ((_q, r: ServerResponse) => r.writeHead(404).end()))(req, res));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const LOCAL: DownloadPolicy = { mode: 'local', maxBytes: 1000, timeoutMs: 2000, maxRedirects: 2 };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'fetched';
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('which download URLs the bot fetches', () => {
  it('in azure mode, only SharePoint/OneDrive over https, as Teams gives them', () => {
    expect(downloadUrlProblem('https://contoso-my.sharepoint.com/personal/a_b/_layouts/15/download.aspx?UniqueId=x&tempauth=y', 'azure')).toBeNull();
    for (const url of [
      'http://contoso-my.sharepoint.com/personal/x',
      'https://sharepoint.com.evil.example/x',
      'https://evilsharepoint.com/x',
      'https://.sharepoint.com/x',
      'https://user:pw@contoso.sharepoint.com/x',
      'https://169.254.169.254/latest/meta-data',
      'http://127.0.0.1:8080/plan.xlsx',
      'file:///etc/passwd',
      'ftp://contoso.sharepoint.com/x',
      'not a url',
    ]) {
      expect(downloadUrlProblem(url, 'azure'), url).not.toBeNull();
    }
  });

  it('in local mode, loopback too, and still nothing else', () => {
    expect(downloadUrlProblem('http://127.0.0.1:4000/plan.txt', 'local')).toBeNull();
    expect(downloadUrlProblem('http://localhost:4000/plan.txt', 'local')).toBeNull();
    expect(downloadUrlProblem('http://10.0.0.5/plan.txt', 'local')).not.toBeNull();
    expect(downloadUrlProblem('http://example.org/plan.txt', 'local')).not.toBeNull();
  });

  it('says why for any string, never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void downloadUrlProblem(s, 'azure')));
  });
});

describe('downloadFile', () => {
  it('fetches a small file', async () => {
    handlers.set('/ok', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end('1.1 An action'));
    const got = await downloadFile(`${base}/ok`, 'ok.txt', LOCAL);
    expect(new TextDecoder().decode(got.bytes)).toBe('1.1 An action');
  });

  it('refuses a declared length over the limit without reading it, and stops reading an undeclared one at the limit', async () => {
    let written = 0;
    handlers.set('/declared', (_req, res) => res.writeHead(200, { 'Content-Length': '5000' }).end('x'.repeat(5000)));
    handlers.set('/chunked', (_req, res) => {
      res.writeHead(200);
      const pump = () => {
        while (!res.destroyed && written < 10_000_000) {
          written += 100;
          if (!res.write('y'.repeat(100))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    expect(await codeOf(downloadFile(`${base}/declared`, 'big.xlsx', LOCAL))).toMatch(/^file-too-large: big\.xlsx is over/);
    expect(await codeOf(downloadFile(`${base}/chunked`, 'big.xlsx', LOCAL))).toMatch(/^file-too-large/);
    expect(written).toBeLessThan(10_000_000);
  });

  it('follows a redirect only to an allowed address, and only so many times', async () => {
    handlers.set('/to-ok', (_req, res) => res.writeHead(302, { Location: '/ok' }).end());
    handlers.set('/to-metadata', (_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data' }).end());
    handlers.set('/loop', (_req, res) => res.writeHead(302, { Location: '/loop' }).end());
    expect((await downloadFile(`${base}/to-ok`, 'ok.txt', LOCAL)).bytes.length).toBeGreaterThan(0);
    expect(await codeOf(downloadFile(`${base}/to-metadata`, 'plan.txt', LOCAL))).toMatch(/^download-refused: I did not read plan\.txt: the file is at 169\.254\.169\.254/);
    expect(await codeOf(downloadFile(`${base}/loop`, 'plan.txt', LOCAL))).toMatch(/^download-refused: .*redirected more than 2 times/);
  });

  it('gives up on a server that stalls, within its time limit', async () => {
    handlers.set('/stall', (_req, res) => {
      res.writeHead(200);
      res.write('z');
    });
    expect(await codeOf(downloadFile(`${base}/stall`, 'slow.txt', { ...LOCAL, timeoutMs: 300 }))).toMatch(/^download-slow: Fetching slow\.txt from Teams took longer than/);
  });

  it('says what to do for an expired link, a server error and a sharing page instead of the file', async () => {
    handlers.set('/gone', (_req, res) => res.writeHead(403).end());
    handlers.set('/broken', (_req, res) => res.writeHead(500).end());
    handlers.set('/page', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<html></html>'));
    expect(await codeOf(downloadFile(`${base}/gone`, 'plan.xlsx', LOCAL))).toMatch(/^download-expired: .*send the file again/);
    expect(await codeOf(downloadFile(`${base}/broken`, 'plan.xlsx', LOCAL))).toMatch(/^download-failed: .*answered 500/);
    expect(await codeOf(downloadFile(`${base}/page`, 'plan.xlsx', LOCAL))).toMatch(/^download-refused: .*not the file itself/);
  });
});
