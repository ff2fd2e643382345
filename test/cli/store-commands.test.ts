import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliStore, type CliStore } from './cli-store.js';
import { runCli as run } from './run-cli.js';

const CSV = (update: string) =>
  [
    'Community Safety Delivery Plan 2017-2018,,,,,',
    'ACTION,MEASURE OF SUCCESS,PLANNED OUTCOME,RESOURCES/PARTNERS,DEADLINE,ACTION UPDATE/RAG',
    '1. Anti-social behaviour,,,,,',
    `1.1 Hold two events,Events held,Less ASB,Lead – CSO,Sept 2017,"${update}"`,
    '1.2 Review the DPPO,Review done,PSPO in place,Lead – CSO,Dec 2017,',
  ].join('\n');

describe('partnership-actions import --body and history', () => {
  let store: CliStore;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    store = await startCliStore({ csp: { id: 'cli-csp', name: 'CLI CSP' }, pcg: { id: 'cli-pcg', name: 'CLI PCG' }, coordinator: { tenantId: 't1', aadObjectId: 'coord-1', displayName: 'Alex Coordinator' }, chairs: [{ tenantId: 't1', aadObjectId: 'chair-1', displayName: 'Pat Chair' }] });
    ({ dir, env } = store);
  }, 60_000);
  afterAll(async () => store?.stop());

  it('says it needs COSMOS_ENDPOINT rather than writing to a throwaway store', async () => {
    const r = await run({}, 'import', 'examples/purbeck-2017-18.txt', '--body', 'cli-pcg');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This command needs the shared store: set COSMOS_ENDPOINT.');
    expect((await run({}, 'history', '1.1', '--body', 'cli-pcg')).code).toBe(2);
  });

  it('imports into the shared store, prints what changed, and changes nothing the second time', async () => {
    const file = join(dir, 'plan.csv');
    await writeFile(file, CSV('STARTED – GOOD PROGRESS Venue booked.'));
    const first = await run(env, 'import', file, '--body', 'cli-pcg');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('into CLI PCG as the 2017-18 plan, version 1.');
    expect(first.stdout).toContain('added (2): 1.1, 1.2');
    expect(first.stdout).toContain('statuses from the file recorded as imported updates by Alex Coordinator (1): 1.1');
    const again = await run(env, 'import', file, '--body', 'cli-pcg');
    expect(again.stdout).toContain("No change: CLI PCG's 2017-18 plan is already version 1");

    await writeFile(file, CSV('COMPLETED Both events held.'));
    const revised = await run(env, 'import', file, '--body', 'cli-pcg', '--as', 'coord-1');
    expect(revised.stdout).toContain('version 2');
    expect(revised.stdout).toContain('changed (1): 1.1 (status, update)');

    const history = await run(env, 'history', '1.1', '--body', 'cli-pcg');
    expect(history.code).toBe(0);
    const lines = history.stdout.split('\n');
    expect(lines[0]).toBe('1.1 Hold two events');
    expect(history.stdout).toMatch(/1\. \d+ [A-Z][a-z]{2} \d{4}, \d\d:\d\d (?:GMT|BST)\s+● Green\s+by Alex Coordinator \(coord-1\) via import\n\s+Venue booked\./);
    expect(history.stdout).toMatch(/2\. .*✔ Completed\s+by Alex Coordinator \(coord-1\) via import\n\s+Both events held\./);
  });

  it('refuses an unknown coordinator and an unknown action, naming what to use', async () => {
    const r = await run(env, 'import', 'examples/purbeck-2017-18.txt', '--body', 'cli-pcg', '--as', 'someone');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"someone" is not a coordinator or chair of CLI PCG: use one of Alex Coordinator (coord-1)');
    const h = await run(env, 'history', '9.9', '--body', 'cli-pcg');
    expect(h.code).toBe(1);
    expect(h.stderr).toContain("CLI PCG's 2017-18 plan has no action 9.9.");
  });

  it('records an update from the CLI as a named person, under the same rules', async () => {
    const refused = await run(env, 'update', '1.2', '--body', 'cli-pcg', '--status', 'amber', '--as', 'Alex Coordinator', '--narrative', 'Late.');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('You cannot update action 1.2: only its lead (CSO (no one mapped yet)), a chair (Pat Chair) can.');
    const noNarrative = await run(env, 'update', '1.2', '--body', 'cli-pcg', '--status', 'amber', '--as', 'chair-1');
    expect(noNarrative.stderr).toContain('an Amber update needs a narrative');
    const ok = await run(env, 'update', '1.2', '--body', 'cli-pcg', '--status', 'amber', '--as', 'chair-1', '--operator', 'Jo Operator', '--narrative', 'Venue lost; new date being found.', '--deadline', 'June 2030');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Recorded ▲ Amber for 1\.2 by Pat Chair at .*, revised deadline 2030-06-30, entered by Jo Operator\.$/m);
    const history = await run(env, 'history', '1.2', '--body', 'cli-pcg', '--json');
    expect(JSON.parse(history.stdout).updates).toMatchObject([{ status: 'amber', source: 'cli', author: { aadObjectId: 'chair-1' }, enteredBy: { operator: 'Jo Operator' }, revisedDeadline: '2030-06-30' }]);
  });

  it('records who typed an update in beside its author: --operator, else their login; the history shows both', async () => {
    const byLogin = await run(env, 'update', '1.2', '--body', 'cli-pcg', '--status', 'amber', '--as', 'chair-1', '--narrative', 'Venue lost; new date being found.', '--deadline', 'June 2030');
    expect(byLogin.stdout).toContain(`, entered by ${userInfo().username}.`);
    const badOperator = await run(env, 'update', '1.2', '--body', 'cli-pcg', '--status', 'green', '--as', 'chair-1', '--operator', ' ');
    expect(badOperator.code).toBe(1);
    expect(badOperator.stderr).toContain('--operator " " is not a name');
    const text = await run(env, 'history', '1.2', '--body', 'cli-pcg');
    expect(text.stdout).toMatch(/Amber {2}by Pat Chair \(chair-1\) via cli, entered by Jo Operator · revised deadline 2030-06-30/);
    expect(text.stdout).toContain(`Amber  by Pat Chair (chair-1) via cli, entered by ${userInfo().username} · revised deadline 2030-06-30`);
  }, 60_000);

  it('exports the body’s progress table with each action’s latest update, which the importer reads back', async () => {
    const out = join(dir, 'cli-pcg.docx');
    const r = await run(env, 'export', '--body', 'cli-pcg', '--out', out, '--as-at', '2017-07-19');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote ${out}: Community Safety Delivery Plan 2017-2018, 2 actions, progress as at 2017-07-19.\n`);
    const back = await run({}, 'import', out, '--dry-run', '--json');
    const actions = JSON.parse(back.stdout).plans[0].priorities[0].actions;
    expect(actions.map((a: { ref: string; status: string; update: string; deadline: string }) => [a.ref, a.status, a.update, a.deadline])).toEqual([
      ['1.1', 'completed', 'Both events held.', '2017-09-30'],
      ['1.2', 'amber', 'Venue lost; new date being found.', '2030-06-30'],
    ]);
    const none = await run({}, 'export', '--body', 'cli-pcg', '--out', out);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Exporting a body needs the shared store: set COSMOS_ENDPOINT');
    const unknown = await run(env, 'export', '--body', 'no-such-body', '--out', out);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Cannot export no-such-body: There is no partnership body "no-such-body".');
  });
});
