import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startApp } from '../../src/app/server.js';
import { actionHistory } from '../../src/services/action-history.js';
import { listMyActions } from '../../src/services/list-my-actions.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { freshDataDir } from '../data-dir.js';

describe('startApp in embedded mode', () => {
  it('starts a store kept in DATA_DIR with the sample partnership on its first start, says so, and stops', async () => {
    const dataDir = freshDataDir();
    const app = await startApp(loadConfig({ DATA_DIR: dataDir }), { clock: () => new Date('2017-11-01T10:00:00Z') });
    try {
      expect(app.store.dataDir).toBe(dataDir);
      expect(app.store.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(app.banner.join('\n')).toContain(`Data is kept in ${dataDir} across restarts (a new store, set up now)`);
      expect(app.banner.join('\n')).toContain(`COSMOS_ENDPOINT=${app.store.endpoint}`);
      expect(app.sample).toMatchObject({ year: '2017-18', actions: 21, pcg: { id: 'purbeck-pcg', parentId: 'dorset-csp', timeZone: 'Europe/London' } });
      expect(app.sample!.pcg.meetings).toHaveLength(7);

      // Priya Shah is the fictional CSO's delegate: she sees the CSO's actions and may update them.
      const priya = app.sample!.pcg.roles.find((r) => r.key === 'CSO')!.delegate!;
      const mine = await listMyActions(app.deps, { person: priya });
      expect(mine[0]!.actions.length).toBeGreaterThan(10);
      await recordUpdate(app.deps, { bodyId: 'purbeck-pcg', ref: '2.7', status: 'amber', narrative: 'Waiting for the CSP to agree a draft.', author: priya, source: 'card', basedOn: null });
      const h = await actionHistory(app.deps, { bodyId: 'purbeck-pcg', ref: '2.7' });
      expect(h.action.plan.cspAction).toBe(true);
      expect(h.updates.map((u) => u.author.displayName)).toEqual(['Priya Shah']);
    } finally {
      await app.stop();
    }
  });
});

describe('npm start with a bad setting', () => {
  it('stops before starting anything, naming the setting', () => {
    const entry = fileURLToPath(new URL('../../dist/app/server.js', import.meta.url));
    const run = spawnSync(process.execPath, [entry], { env: { ...process.env, PORT: 'eighty', MicrosoftAppId: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT must be a port number');
    expect(run.stdout).toBe('');
  });
});

describe('npm start', () => {
  it('prints one URL to open, serves the Playground and the bot there, and Ctrl-C stops all of it', async () => {
    const entry = fileURLToPath(new URL('../../dist/app/server.js', import.meta.url));
    const child = spawn(process.execPath, [entry], { env: { ...process.env, DATA_DIR: freshDataDir(), PORT: '0', PLAYGROUND_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
    child.stderr.resume();
    try {
      await expect.poll(() => /Open (http:\/\/127\.0\.0\.1:\d+) in a browser/.test(out), { timeout: 30_000 }).toBe(true);
      const open = /Open (http:\/\/127\.0\.0\.1:\d+) in a browser/.exec(out)![1]!;
      const bot = /Bot: (http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(out)![1]!;
      expect(out.match(/Open http/g)).toHaveLength(1);
      expect(out).toContain('You are Taylor Quinn');
      expect(await (await fetch(`${open}/_debug/ping`)).text()).toBe('pong');
      expect(await (await fetch(`${bot}/healthz`)).json()).toMatchObject({ status: 'ok', store: 'embedded' });

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await expect(fetch(`${bot}/healthz`)).rejects.toThrow();
      await expect.poll(() => fetch(`${open}/_debug/ping`).then(() => 'up', () => 'down'), { timeout: 10_000 }).toBe('down');
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
