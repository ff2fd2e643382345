import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const run = (...args: string[]) => runCli({}, ...args);

describe('partnership-actions import --dry-run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pa-cli-'));
  });

  it('prints every priority and action as JSON of the documented shape', async () => {
    const { code, stdout } = await run('import', 'examples/purbeck-2017-18.txt', '--dry-run', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['plans', 'warnings', 'tables', 'ignored', 'years']);
    expect(out.years).toEqual([{ year: '2017-18', from: 'title' }]);
    expect(out.plans).toHaveLength(1);
    const plan = out.plans[0];
    expect(plan.title).toBe('CRIME AND DISORDER REDUCTION PLAN 2017-2018');
    expect(plan.priorities.map((p: { number: number }) => p.number)).toEqual([1, 2, 3, 4, 5]);
    const first = plan.priorities[0].actions[0];
    expect(first).toMatchObject({
      ref: '1.1',
      lead: 'CSO',
      support: ['GM-PHH', 'HO'],
      deadline: '2018-03-31',
      deadlineText: 'March 2018',
      status: 'not-reported',
      update: '',
      cspAction: false,
    });
    expect(plan.priorities.flatMap((p: { actions: unknown[] }) => p.actions)).toHaveLength(21);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run('import', 'examples/purbeck-2017-18.txt', '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('CRIME AND DISORDER REDUCTION PLAN 2017-2018');
    expect(stdout).toContain('5 priorities, 21 actions');
    expect(stdout).toMatch(/2\.7\s+○ Not reported\s+31 Mar 2018\s+CSO\s+CSP\s+Work with the Community Safety Partnership/);
  });

  it('lists every problem of a bad file and exits 1', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        'ACTION,MEASURE OF SUCCESS,PLANNED OUTCOME,RESOURCES/PARTNERS,DEADLINE,ACTION UPDATE/RAG',
        '1. Anti-social behaviour,,,,,',
        '1.1 Hold two events,Events held,Less ASB,Lead – CSO,Sept 20166,',
        '1.1 Hold two more,Events held,Less ASB,Lead – CSO,Dec 2016,',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run('import', file, '--dry-run', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).errors).toEqual([
      'Row 4: action 1.1 appears twice (first at Row 3); give each action its own number',
      'Row 3: deadline "Sept 20166" is not a date; use e.g. "Sept 2016" or "30/09/2016"',
    ]);
    expect(stderr).toContain(`Cannot import ${file}: 2 problems`);
    expect(stderr).toContain('  - Row 3: deadline "Sept 20166" is not a date; use e.g. "Sept 2016" or "30/09/2016"');
  });

  it('says when the file does not exist', async () => {
    const { code, stderr } = await run('import', join(dir, 'missing.xlsx'), '--dry-run');
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.xlsx: no such file/);
  });
});
