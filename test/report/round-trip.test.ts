import { beforeAll, describe, expect, it } from 'vitest';
import { planActions, type Plan, type PlanReading } from '../../src/domain/plan.js';
import { progressReportFromPlan, ProgressReportSchema, type ProgressReport } from '../../src/domain/progress-report.js';
import { StatusSchema } from '../../src/domain/status.js';
import { writeProgressCsv } from '../../src/report/write-progress-csv.js';
import { writeProgressDocx } from '../../src/report/write-progress-docx.js';
import { writeProgressXlsx } from '../../src/report/write-progress-xlsx.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { SEED_AS_AT, seedPlans } from './seed-report.js';

/** Each writer, and what the importer says about its file beyond the plan itself. */
const FORMATS = [
  { name: 'docx', write: writeProgressDocx, warnings: [] as string[] },
  { name: 'xlsx', write: writeProgressXlsx, warnings: ['Sheet "Key" has no action table and was skipped'] },
  { name: 'csv', write: async (r: ProgressReport) => writeProgressCsv(r), warnings: [] as string[] },
] as const;

/**
 * What the committee reads in the table, and what the importer makes of the
 * lead column. The workbook's deadlines are date cells, which show a month as
 * "Sep 2016" however the plan spelled it, so there only the date must agree.
 */
function table(plan: Plan, datesOnly = false) {
  return {
    title: plan.title,
    priorities: plan.priorities.map((p) => ({ number: p.number, title: p.title, corporatePriority: p.corporatePriority })),
    actions: planActions(plan).map(({ source: _where, ...action }) => (datesOnly && action.deadline !== null ? { ...action, deadlineText: '' } : action)),
  };
}

async function roundTrip(write: (r: ProgressReport) => Promise<Uint8Array>, report: ProgressReport, name: string): Promise<PlanReading> {
  return readPlanFile(await write(report), `progress.${name}`);
}

describe.each(FORMATS)('the $name progress table, read back by the plan importer', ({ name, write, warnings }) => {
  let plans: Plan[];
  beforeAll(async () => {
    plans = await seedPlans();
  });

  it.each([
    ['2016-17 plan, with its progress column', 0],
    ['2017-18 plan, not yet reported', 1],
  ])('gives the same table for seed 000’s %s', async (_label, index) => {
    const plan = plans[index]!;
    const reading = await roundTrip(write, progressReportFromPlan(plan, SEED_AS_AT), name);
    expect(reading.warnings).toEqual(warnings);
    expect(reading.plans).toHaveLength(1);
    expect(table(reading.plans[0]!, name === 'xlsx')).toEqual(table(plan, name === 'xlsx'));
  });

  it('keeps every status, multi-line narratives and a deadline given only as a date', async () => {
    const base = planActions(plans[0]!)[0]!;
    const statuses = StatusSchema.options;
    const report = ProgressReportSchema.parse({
      title: 'Rural PCG Action Plan 2026-27',
      asAt: '2026-11-24',
      roles: [{ key: 'CSO', name: 'Community Safety Officer' }],
      priorities: [
        {
          number: 1,
          title: 'Rural crime',
          corporatePriority: null,
          actions: statuses.map((status, i) => ({
            ref: `1.${i + 1}`,
            action: `Action with status ${status}`,
            measure: 'First measure\nSecond measure',
            outcome: base.outcome,
            resources: 'Lead – CSO, Dorset Police',
            deadlineText: i === 0 ? '' : 'Dec 2026',
            deadline: i === 0 ? '2026-12-15' : '2026-12-31',
            status,
            update: status === 'not-reported' ? '' : `First line for ${status}\n- two events held`,
            cspAction: i % 2 === 0,
          })),
        },
      ],
    });
    const reading = await roundTrip(write, report, name);
    const actions = planActions(reading.plans[0]!);
    expect(actions.map((a) => a.status)).toEqual(statuses);
    expect(actions.map((a) => a.cspAction)).toEqual(statuses.map((_, i) => i % 2 === 0));
    expect(actions[0]!.deadline).toBe('2026-12-15');
    expect(actions[1]!.measure).toBe('First measure\nSecond measure');
    expect(actions[1]!.lead).toBe('CSO');
    expect(actions[1]!.partners).toEqual(['Dorset Police']);
    // The importer drops a dash that opens the narrative; one on a later line stays.
    expect(actions[0]!.update).toBe('First line for completed\n- two events held');
    expect(reading.plans[0]!.priorities[0]!.corporatePriority).toBeNull();
  });
});
