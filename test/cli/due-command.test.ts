import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const run = (...args: string[]) => runCli({}, ...args);

const PLAN = 'examples/purbeck-2017-18.txt';

describe('partnership-actions due', () => {
  it('prints what would go out at an instant as JSON: the 14-day prompt of "Sept 2017" and the overdue actions', async () => {
    const { code, stdout } = await run('due', '--plan', PLAN, '--at', '2017-09-15T08:30:00Z', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(out[0]).toEqual({
      id: 'prompt:1.2:2017-09-30-d14',
      kind: 'prompt',
      ref: '1.2',
      to: 'CSO',
      slot: '2017-09-30-d14',
      scheduledFor: '2017-09-15T08:00:00Z',
      due: '2017-09-30',
      daysBefore: 14,
    });
    // July 2017's 2.1 is overdue: its latest reminder, and the escalation its unanswered reminders bring.
    expect(out.filter((m) => m.ref === '2.1').map((m) => [m.kind, m.to, m.slot])).toEqual([
      ['reminder', 'ASBRO', '2017-07-31-r7'],
      ['escalation', 'chair', '2017-07-31-r7-chair'],
      ['escalation', 'channel', '2017-07-31-r7-channel'],
    ]);
  });

  it('with meetings, opens the round and posts the summary; the summary has ref null', async () => {
    const { code, stdout } = await run('due', '--plan', PLAN, '--at', '2017-09-04T09:00:00+01:00', '--meetings', '2017-07-19,2017-09-06', '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(out[0]).toEqual({ id: 'summary:body:2017-09-06', kind: 'summary', ref: null, to: 'channel', slot: '2017-09-06', scheduledFor: '2017-09-04T08:00:00Z', meeting: '2017-09-06' });
    const rounds = out.filter((m) => m.kind === 'round');
    expect(rounds).toHaveLength(21);
    expect(rounds[0]).toMatchObject({ ref: '1.1', to: 'CSO', slot: '2017-09-06', scheduledFor: '2017-08-25T08:00:00Z' });
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run('due', '--plan', PLAN, '--at', '2017-09-15T08:30:00Z');
    expect(code).toBe(0);
    expect(stdout).toContain('CRIME AND DISORDER REDUCTION PLAN 2017-2018: what would go out at Fri 15 Sep 2017, 09:30 (Europe/London)');
    expect(stdout).toMatch(/prompt\s+1\.2\s+CSO\s+2017-09-30-d14\s+Fri 15 Sep 2017, 09:00\s+14 days before it is due on 30 Sep 2017/);
    expect(stdout).toMatch(/\n10 messages\.\n?$/);
  });

  it('says nothing goes out outside working hours, and when the next working moment is', async () => {
    const { code, stdout } = await run('due', '--plan', PLAN, '--at', '2017-09-15T16:30:00Z');
    expect(code).toBe(0);
    expect(stdout).toContain('Nothing: messages go out only 09:00–17:00 on working days');
    expect(stdout).toContain('The next working moment is Mon 18 Sep 2017, 09:00.');
    const json = await run('due', '--plan', PLAN, '--at', '2017-09-15T16:30:00Z', '--json');
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('computes in the zone given', async () => {
    const { code, stdout } = await run('due', '--plan', PLAN, '--at', '2017-09-15T13:00:00Z', '--tz', 'America/New_York', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0]).toMatchObject({ kind: 'prompt', ref: '1.2', scheduledFor: '2017-09-15T13:00:00Z' });
  });

  it('warns when the bank holidays it knows run out', async () => {
    const { code, stderr } = await run('due', '--plan', PLAN, '--at', '2031-01-06T10:00:00Z', '--json');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Warning: England and Wales bank holidays are known only for 2012 to 2027/);
  });

  it.each([
    [['--at', '2017-09-15'], '--at "2017-09-15" is not an ISO instant: write a date, a time and Z or an offset, e.g. --at 2017-09-15T08:00:00Z'],
    [['--at', 'tomorrow'], '--at "tomorrow" is not an ISO instant'],
    [['--at', '2017-09-15T08:00:00Z', '--meetings', '2017-07-19,19/07/2017'], '--meetings: "19/07/2017" is not a meeting date: write local dates as YYYY-MM-DD'],
    [['--at', '2017-09-15T08:00:00Z', '--meetings', '2017-02-30'], '--meetings: "2017-02-30" is not a meeting date'],
    [['--at', '2017-09-15T08:00:00Z', '--tz', 'Europe/Londres'], '--tz "Europe/Londres" is not a time zone: write an IANA zone such as Europe/London.'],
    [['--at', '2017-09-15T08:00:00Z', '--plan', 'examples/missing.xlsx'], 'Cannot read the plan examples/missing.xlsx: no such file.'],
    [['--at', '2017-09-15T08:00:00Z', '--plan', 'examples/sample-partnership.json'], 'Cannot read the plan examples/sample-partnership.json:'],
  ])('refuses %j with exit 1 and says what to write', async (args, message) => {
    const withPlan = args.includes('--plan') ? args : ['--plan', PLAN, ...args];
    const { code, stdout, stderr } = await run('due', ...withPlan);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('asks for the plan and the instant when they are missing', async () => {
    expect((await run('due', '--at', '2017-09-15T08:00:00Z')).stderr).toContain('Say which plan to look at: --plan <file>');
    expect((await run('due', '--plan', PLAN)).stderr).toContain('Say when to look: --at <ISO instant>');
  });
});
