import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_000_FILE } from '../fixtures/seed-000.js';
import { startCliStore, type CliStore } from './cli-store.js';
import { runCli as run } from './run-cli.js';

async function docxText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

// Each test runs the CLI up to seven times, a process each: on a busy machine that takes longer than the default.
describe('the year end from the CLI, on seed 000', { timeout: 120_000 }, () => {
  let store: CliStore;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    store = await startCliStore({ csp: { id: 'dorset-csp', name: 'Dorset CSP' }, pcg: { id: 'purbeck-pcg', name: 'Purbeck PCG' }, coordinator: { tenantId: 't1', aadObjectId: 'coord-1', displayName: 'Karen Coordinator' } });
    ({ dir, env } = store);
  }, 60_000);
  afterAll(async () => store?.stop());

  it('shows the suggested carry forward in a dry run, with the score, and refuses a malformed --link before reading anything', async () => {
    const dry = await run({}, 'import', SEED_000_FILE, '--dry-run', '--no-link', '1.1');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Carried forward into 2017-18 from 2016-17 (7 of 21 actions;');
    expect(dry.stdout).toMatch(/4\.1\s+continues 2016-17 4\.7\s+\(score 1\.00\)/);
    expect(dry.stdout).toMatch(/2\.2\s+continues 2016-17 4\.5\s+\(score 0\.93\)/);
    expect(dry.stdout).not.toMatch(/1\.1\s+continues/);
    const bad = await run({}, 'import', SEED_000_FILE, '--dry-run', '--link', '4.1-2016-17:4.7');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a link: write the new action, "=", then last year\'s, e.g. 4.1=2016-17:4.7');
  });

  it('imports both plans, links them with the coordinator\'s correction, and history 4.1 shows 4.7\'s updates', async () => {
    const imported = await run(env, 'import', SEED_000_FILE, '--body', 'purbeck-pcg', '--link', '2.6=2016-17:3.7', '--no-link', '1.1');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("8 of the 2017-18 plan's actions continue 2016-17's");
    expect(imported.stdout).toMatch(/2\.6\s+continues 2016-17 3\.7\s+\(named by you\)/);
    const history = await run(env, 'history', '4.1', '--body', 'purbeck-pcg');
    expect(history.stdout).toContain('continues 2016-17 4.7');
    expect(history.stdout).toContain('Carried forward from 2016-17 4.7 Actively participate in the refocussing');
    expect(history.stdout).toMatch(/1\. 2016-17 4\.7 .* In progress\s+by Karen Coordinator/);
    expect(history.stdout).toContain('Work has just started');
  });

  it('lists what is left hanging, closes it with a reason, and refuses a close without one', async () => {
    const listed = await run(env, 'year-end', 'purbeck-pcg');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("2 of Purbeck PCG's 2016-17 actions are still open and not carried forward into 2017-18");
    expect(listed.stdout).toMatch(/^\s+2\.2 /m);
    expect(listed.stdout).toMatch(/^\s+3\.12 /m);
    const refused = await run(env, 'year-end', 'purbeck-pcg', '--close', '2.2', '--status', 'green', '--reason', 'x');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('close with completed or not-completed');
    const noReason = await run(env, 'year-end', 'purbeck-pcg', '--close', '2.2', '--status', 'not-completed');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('Close with a status and a reason');
    const closed = await run(env, 'year-end', 'purbeck-pcg', '--close', '3.12', '--status', 'completed', '--reason', 'CPNs used and evaluated.');
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(/Closed 2016-17 3\.12 as ✔ Completed by Karen Coordinator/);
    expect((await run(env, 'year-end', 'purbeck-pcg')).stdout).not.toMatch(/^\s+3\.12 /m);
  });

  it('writes the sign-off report from the record, naming the new action for those carried forward', async () => {
    const out = join(dir, 'year-end.docx');
    const r = await run(env, 'export', '--year-end', '--body', 'purbeck-pcg', '--as-at', '2017-07-19', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("Purbeck PCG's 2016-17 sign-off report (a draft to edit), 5 exceptions");
    const text = await docxText(out);
    expect(text).toContain('Action 4.7 – Carried forward as action 4.1 of the 2017-18 plan. Work has just started.');
    expect(text).toContain('Action 2.2 – No progress has been reported');
    expect(text).not.toContain('Action 3.12 –');
    expect(text).toContain('Appendix 1 – Purbeck Crime and Disorder Reduction Plan 2016-2017');
  });

  it("writes a highlight report of a period for the PCG, and for the CSP across its PCGs' *CSP actions", async () => {
    const today = DateTime.now().setZone('Europe/London').toISODate()!;
    const weekAgo = DateTime.now().setZone('Europe/London').minus({ days: 7 }).toISODate()!;
    const out = join(dir, 'highlights.docx');
    const pcg = await run(env, 'export', '--highlights', '--body', 'purbeck-pcg', '--year', '2016-17', '--from', weekAgo, '--to', today, '--out', out);
    expect(pcg.stderr).toBe('');
    const text = await docxText(out);
    expect(text).toContain('Purbeck PCG: activities and achievements');
    expect(text).toContain('3 actions: 3 completed in the period, 3 with progress reported.');
    expect(text).toContain('Activities and Achievements:');
    expect(text).toContain('3.12 Trial use of Community Protection Notices');
    const csp = await run(env, 'export', '--highlights', '--body', 'dorset-csp', '--from', weekAgo, '--to', today, '--out', out);
    expect(csp.stderr).toBe('');
    const cspText = await docxText(out);
    expect(cspText).toContain('Purbeck PCG: *CSP actions of the 2017-18 plan');
    expect(cspText).toContain('2 actions: 0 completed in the period, 0 with progress reported.');
    expect(cspText).toContain('No progress was reported in the period.');
    const backwards = await run(env, 'export', '--highlights', '--body', 'purbeck-pcg', '--from', today, '--to', weekAgo, '--out', out);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('ends before it starts');
  });
});
