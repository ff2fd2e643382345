import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startApp } from '../src/server.js';
import { actionHistory } from '../src/services/action-history.js';
import { listMyActions } from '../src/services/list-my-actions.js';
import { recordUpdate } from '../src/services/record-update.js';

describe('startApp in embedded mode', () => {
  it('starts an in-memory store with the sample partnership, says so, and stops', async () => {
    const app = await startApp(loadConfig({}), { clock: () => new Date('2017-11-01T10:00:00Z') });
    try {
      expect(app.store.inMemory).toBe(true);
      expect(app.store.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(app.banner.join('\n')).toContain('IN MEMORY ONLY');
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
    const entry = fileURLToPath(new URL('../dist/server.js', import.meta.url));
    const run = spawnSync(process.execPath, [entry], { env: { ...process.env, PORT: 'eighty', MicrosoftAppId: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PORT must be a port number');
    expect(run.stdout).toBe('');
  });
});
