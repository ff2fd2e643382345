import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { actionHistory } from '../../src/services/action-history.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { startApp } from '../../src/app/start-app.js';
import { startServer } from '../../src/app/start-server.js';
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { openStore, StoreSetupError } from '../../src/store/open-store.js';
import { SNAPSHOT_FILE } from '../../src/store/persist-embedded.js';
import { runCli } from '../cli/run-cli.js';
import { freshDataDir } from '../data-dir.js';

const ENTRY = fileURLToPath(new URL('../../dist/app/server.js', import.meta.url));
const PRIYA = { aadObjectId: '20000000-0000-4000-8000-000000000003', displayName: 'Priya Shah' };
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

type Started = { child: ChildProcess; out: () => string; bot: string; store: string; exited: Promise<number | null> };

/** `npm start` as a person runs it, on DATA_DIR, without the Playground: resolves once the banner is out. */
async function npmStart(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', PLAYGROUND: 'off', SCHEDULER: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
  child.stderr!.resume();
  await expect.poll(() => /Ctrl-C stops/.test(out) || child.exitCode !== null, { timeout: 30_000 }).toBe(true);
  const bot = /Bot: (http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(out)?.[1];
  const store = /embedded Cosmos-compatible server at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  if (bot === undefined || store === undefined) throw new Error(`npm start did not start:\n${out}`);
  return { child, out: () => out, bot, store, exited };
}

async function withShared<T>(endpoint: string, use: (deps: Parameters<typeof recordUpdate>[0]) => Promise<T>): Promise<T> {
  const opened = await openStore({ mode: 'account', endpoint, auth: { kind: 'key', key: 'k' }, database: 'partnership-actions', local: true }, { setUp: false });
  try {
    return await use({ store: opened.store, clock: () => new Date('2017-11-01T10:00:00Z'), newId: randomUUID });
  } finally {
    await opened.close();
  }
}

describe('the embedded store keeps its data in DATA_DIR', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('survives a kill: an update acknowledged before the kill is there after the restart, and the sample is not loaded again', async () => {
    const dataDir = freshDataDir();
    const first = await npmStart(dataDir);
    children.push(first.child);
    expect(first.out()).toContain(`Data is kept in ${dataDir} across restarts (a new store, set up now)`);
    expect(first.out()).toContain('Loaded the sample partnership');
    expect(first.out()).toContain('To start afresh: stop, then delete that folder');

    await withShared(first.store, async (deps) => {
      const pcg = (await deps.store.readBody('purbeck-pcg'))!.value;
      await recordUpdate(deps, { bodyId: pcg.id, ref: '2.7', status: 'amber', narrative: 'Written just before the power went.', author: { ...PRIYA, tenantId: pcg.tenantId }, source: 'card', basedOn: null });
    });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await npmStart(dataDir);
    children.push(second.child);
    expect(second.out()).toContain(`Data is kept in ${dataDir} across restarts.`);
    expect(second.out()).not.toContain('Loaded the sample partnership');
    expect(await (await fetch(`${second.bot}/healthz`)).json()).toMatchObject({ status: 'ok', store: 'embedded' });
    const history = await withShared(second.store, (deps) => actionHistory(deps, { bodyId: 'purbeck-pcg', ref: '2.7' }));
    expect(history.updates.map((u) => u.narrative)).toEqual(['Written just before the power went.']);

    // A second npm start on the same folder is refused while the first runs; Ctrl-C then saves and frees it.
    const third = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', PLAYGROUND: 'off', SCHEDULER: 'off' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    third.stderr!.on('data', (c: Buffer) => void (err += c.toString('utf8')));
    expect(await new Promise((resolve) => third.once('exit', resolve))).toBe(2);
    expect(err).toContain(`DATA_DIR ${dataDir} is in use by process ${second.child.pid}`);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('refuses to start on a snapshot it cannot read, and leaves the file as it was', async () => {
    const dataDir = freshDataDir();
    await writeFile(join(dataDir, SNAPSHOT_FILE), '{"format":"something else"}');
    await expect(startApp(loadConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/Cannot start: .*store\.json is not a partnership-actions-backup version 1 file: .*Nothing was changed\. Move .* aside to start afresh/);
    expect(await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8')).toBe('{"format":"something else"}');
  });
});

describe('a store that is unreachable or has lost its data', () => {
  it('makes /healthz answer 503, and no command recreates the database', async () => {
    const cosmos = await startEmbeddedCosmos();
    const port = new URL(cosmos.endpoint).port;
    const setUp = await openStore({ mode: 'account', endpoint: cosmos.endpoint, auth: { kind: 'key', key: 'k' }, database: 'partnership-actions', local: true }, { setUp: true });
    expect(setUp.created).toBe(true);
    await setUp.close();
    const server = await startServer(loadConfig({ COSMOS_ENDPOINT: cosmos.endpoint, PORT: '0', PLAYGROUND: 'off', SCHEDULER: 'off', MicrosoftAppTenantId: '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001' }), { env: {}, log: quiet });
    let restarted: Awaited<ReturnType<typeof startEmbeddedCosmos>> | null = null;
    try {
      const health = async () => {
        const res = await fetch(`${server.bot.url}/healthz`);
        return { status: res.status, body: (await res.json()) as { status: string } };
      };
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', store: 'cosmos' } });

      await cosmos.stop();
      expect(await health()).toMatchObject({ status: 503, body: { status: 'unreachable' } });

      // The local server comes back on its port, empty, as it does after a restart.
      restarted = await startEmbeddedCosmos({ port: Number(port) });
      expect(await health()).toMatchObject({ status: 503, body: { status: 'lost-data', detail: expect.stringContaining('restore a backup') } });

      const env = { COSMOS_ENDPOINT: cosmos.endpoint };
      const history = await runCli(env, 'history', '2.3', '--body', 'purbeck-pcg');
      expect(history.code).toBe(2);
      expect(history.stderr).toMatch(/lacks container\(s\) partnership .*it was never set up, or it has lost its data\. Set it up once with `partnership-actions setup`/);
      await expect(openStore({ mode: 'account', endpoint: cosmos.endpoint, auth: { kind: 'key', key: 'k' }, database: 'partnership-actions', local: true }, { setUp: false })).rejects.toThrow(StoreSetupError);
      const client = new CosmosClient({ endpoint: cosmos.endpoint, key: 'k', connectionPolicy: { enableEndpointDiscovery: false } });
      expect((await client.databases.readAll().fetchAll()).resources).toEqual([]);
      client.dispose();
    } finally {
      await server.stop();
      await restarted?.stop();
    }
  }, 60_000);
});
