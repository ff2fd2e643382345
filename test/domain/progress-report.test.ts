import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import {
  progressExceptions,
  progressIntro,
  progressReportFromPlan,
  ProgressReportSchema,
  reportRows,
  type ProgressReport,
} from '../../src/domain/progress-report.js';
import { SEED_AS_AT, seedPlans } from '../report/seed-report.js';

describe('the progress report built from a plan', () => {
  let plan: Plan;
  let report: ProgressReport;
  beforeAll(async () => {
    [plan] = (await seedPlans()) as [Plan];
    report = progressReportFromPlan(plan, SEED_AS_AT);
  });

  it('keeps the plan title, the date, every priority and every action in order', () => {
    expect(report.title).toBe('Purbeck Crime and Disorder Reduction Plan 2016-2017');
    expect(report.asAt).toBe('2017-07-19');
    expect(report.priorities.map((p) => [p.number, p.corporatePriority])).toEqual([
      [1, 'Enhancing local communities and involvement'],
      [2, 'Enhancing local communities and involvement'],
      [3, 'Enhancing local communities and involvement'],
      [4, 'Enhancing local communities and involvement'],
    ]);
    expect(reportRows(report).map((r) => r.ref)).toEqual(plan.priorities.flatMap((p) => p.actions.map((a) => a.ref)));
  });

  it('carries each action as the table shows it', () => {
    expect(reportRows(report).find((r) => r.ref === '3.1')).toEqual({
      ref: '3.1',
      action: 'Promote dog watch and hold two dog chipping events.',
      measure: 'Two events held Dog Watch membership increased Facebook/Twitter campaign',
      outcome: 'Dogs can be easily returned to their owners Increased local community involvement in tackling crime and disorder',
      resources: 'Lead – TO Environment Team, CSO',
      deadlineText: 'Sept 2016',
      deadline: '2016-09-30',
      status: 'not-completed',
      update:
        "Whilst 2 events haven't been held dog chipping and dog watch are actively promoted. Dog chipping now cannot be offered free by Margaret Green Animal Rescue due to a change in legislation.",
      cspAction: false,
      lead: 'TO Environment Team',
      lastUpdated: null,
    });
    expect(reportRows(report).filter((r) => r.cspAction).map((r) => r.ref)).toEqual(['3.8', '3.9', '3.10']);
  });

  it('spells out only roles the plan abbreviates', () => {
    expect(report.roles.map((r) => r.key).sort()).toEqual(['ASBRO', 'CSO', 'GM-PHH', 'HO', 'LO']);
    expect(report.roles.find((r) => r.key === 'ASBRO')?.name).toBe('Anti Social Behaviour Reduction Officer');
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => progressReportFromPlan(plan, '19/07/2017')).toThrow();
    expect(ProgressReportSchema.safeParse({ ...report, asAt: '2017-02-30' }).success).toBe(false);
  });
});

describe('progress against the plan (seed 000, section 5.10)', () => {
  let report: ProgressReport;
  beforeAll(async () => {
    report = progressReportFromPlan((await seedPlans())[0]!, SEED_AS_AT);
  });

  it('lists every action not completed, with its reason, in plan order', () => {
    expect(progressExceptions(report)).toEqual([
      { ref: '2.2', status: 'not-reported', reason: 'No progress has been reported, was due March 2017.' },
      {
        ref: '3.1',
        status: 'not-completed',
        reason:
          "Whilst 2 events haven't been held dog chipping and dog watch are actively promoted. Dog chipping now cannot be offered free by Margaret Green Animal Rescue due to a change in legislation.",
      },
      { ref: '3.12', status: 'not-reported', reason: 'No progress has been reported, was due March 2017.' },
      { ref: '4.4', status: 'not-completed', reason: 'This action was proposed by the PCC Martyn Underhill' },
      { ref: '4.5', status: 'green', reason: 'Open (green), not due until October 2017: Will go to Policy Group in July 2017.' },
      { ref: '4.7', status: 'in-progress', reason: 'Open (in progress), not due until March 2018: Work has just started.' },
    ]);
  });

  it('opens as the committee paper does at year end (§5.10), and fits the moment otherwise', () => {
    expect(progressIntro(report)).toBe('All actions within the plan have been completed with the exception of the following:');
    const rows = report.priorities.flatMap((p) => p.actions);
    const withAll = (change: (row: (typeof rows)[number]) => Partial<(typeof rows)[number]>): ProgressReport => ({
      ...report,
      priorities: report.priorities.map((p) => ({ ...p, actions: p.actions.map((a) => ({ ...a, ...change(a) })) })),
    });
    // Year end, none completed: never "All … completed with the exception of" all of them.
    expect(progressIntro(withAll(() => ({ status: 'not-reported', update: '' })))).toBe(`None of the ${rows.length} actions within the plan has been completed; each is listed below with where it stands:`);
    expect(progressIntro(withAll(() => ({ status: 'completed' })))).toBe('All actions within the plan have been completed.');
    // Mid-year: what is complete, and that the rest are open.
    const midYear = { ...report, asAt: '2016-06-30' };
    const done = rows.filter((r) => r.status === 'completed').map((r) => r.ref);
    expect(progressIntro(midYear)).toMatch(new RegExp(`^As at 30 Jun 2016, ${done.length} of the ${rows.length} actions within the plan have been completed \\(${done[0]}, .* and ${done.at(-1)}\\)\\. The other ${rows.length - done.length} are open:$`));
    expect(progressIntro({ ...withAll(() => ({ status: 'amber' })), asAt: '2016-06-30' })).toBe(`As at 30 Jun 2016, none of the ${rows.length} actions within the plan has been completed yet. Where each stands:`);
  });

  it('says when an action closed as not completed gave no reason, and when an open one has no date', () => {
    const [first] = report.priorities;
    const bare: ProgressReport = {
      ...report,
      priorities: [
        {
          ...first!,
          actions: [
            { ...first!.actions[0]!, ref: '1.1', status: 'not-completed', update: '' },
            { ...first!.actions[0]!, ref: '1.2', status: 'amber', update: 'Waiting on partners\nsecond line', deadline: null, deadlineText: 'Ongoing' },
            { ...first!.actions[0]!, ref: '1.3', status: 'red', update: '', deadline: null, deadlineText: '' },
            { ...first!.actions[0]!, ref: '1.4', status: 'completed' },
          ],
        },
      ],
    };
    expect(progressExceptions(bare)).toEqual([
      { ref: '1.1', status: 'not-completed', reason: 'Not completed; no reason was recorded.' },
      { ref: '1.2', status: 'amber', reason: 'Open (amber), deadline Ongoing: Waiting on partners second line.' },
      { ref: '1.3', status: 'red', reason: 'Open (red).' },
    ]);
  });
});
