import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueScan } from '../../src/domain/due-scan.js';
import { DEFAULT_CHASE_SETTINGS } from '../../src/domain/chase-settings.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';
import { buildWorld, recordingSender, TUESDAY } from '../scheduler/world.js';
import { runCli } from './run-cli.js';

describe('partnership-actions tick', () => {
  let f: Fixture;
  let env: Record<string, string>;
  beforeAll(async () => {
    f = await startFixture({ now: TUESDAY });
    await buildWorld(f.deps, { asbroReachable: true });
    env = { COSMOS_ENDPOINT: f.server.endpoint, COSMOS_DATABASE: f.opened.database };
  });
  afterAll(async () => f?.stop());

  it('needs the shared store', async () => {
    const r = await runCli({}, 'tick');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This command needs the shared store: set COSMOS_ENDPOINT.');
  });

  it('--dry-run prints what would go out, and sends and records nothing', async () => {
    const before = await f.dump();
    const r = await runCli(env, 'tick', '--at', TUESDAY, '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Would send at 2017-09-12T08:00:00.000Z: 4 messages.');
    expect(r.stdout).toContain('Nothing was sent or recorded (--dry-run).');
    expect(r.stdout).toMatch(/prompt {6}1\.1 → Casey CSO {2}\[Test PCG\] sent:prompt:action:2017-18:1\.1:2017-09-19-d7/);
    expect(r.stdout).toMatch(/prompt {6}2\.1 → the LO role \(no one holds it\) .*\(cannot be sent: role-unmapped; the chair would be told\)/);
    expect(await f.dump()).toEqual(before);
  });

  it('leaves out what the bot has sent since', async () => {
    const io = recordingSender(TUESDAY);
    await createScheduler(io.deps(f.deps.store)).tick(io.now());
    const r = await runCli(env, 'tick', '--at', TUESDAY, '--dry-run', '--json');
    const out = JSON.parse(r.stdout) as { sent: boolean; wouldSend: unknown[] };
    expect(out).toEqual({ at: '2017-09-12T08:00:00.000Z', sent: false, wouldSend: [] });
    const { records } = await f.deps.store.scanDue(dueScan(new Date(TUESDAY), DEFAULT_CHASE_SETTINGS));
    // Each action's record, and each digest's own.
    expect(records.filter((x) => x.value.state === 'sent')).toHaveLength(io.deliveries.length + io.sends.filter((d) => d.kind === 'digest').length);
  });

  it('refuses an --at that is not an instant, and with real Teams an --at that would send, changing nothing', async () => {
    const before = await f.dump();
    const r = await runCli(env, 'tick', '--at', 'next tuesday');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--at "next tuesday" is not an ISO instant');
    const azure = {
      ...env,
      MicrosoftAppId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      MicrosoftAppPassword: 'p',
      MicrosoftAppTenantId: '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001',
      REPORT_LINK_SECRET: 's'.repeat(32),
      PUBLIC_BASE_URL: 'https://actions.example.org',
    };
    const real = await runCli(azure, 'tick', '--at', TUESDAY);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('--at sends real Teams messages written for another instant: add --dry-run');
    expect(await f.dump()).toEqual(before);
  });
});
