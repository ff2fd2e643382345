import type { Plan } from '../../src/domain/plan.js';
import { progressReportFromPlan, type ProgressReport } from '../../src/domain/progress-report.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { readSeed000, SEED_000_NAME } from '../fixtures/seed-000.js';

/** Seed 000's plans as the importer reads them: [0] is 2016-17 with its progress column, [1] is 2017-18. */
export async function seedPlans(): Promise<Plan[]> {
  return (await readPlanFile(await readSeed000(), SEED_000_NAME)).plans;
}

/** The date of the Policy Group meeting the seed's report went to. */
export const SEED_AS_AT = '2017-07-19';

/** A narrative no page can hold, as a lead pasting a whole report into the update might write. */
export const LONG_UPDATE = `${Array.from({ length: 120 }, (_, i) => `Sentence ${i + 1} of a very long update from the lead.`).join(' ')} LastWordOfUpdate`;

export async function seedReportWithLongUpdate(): Promise<ProgressReport> {
  const report = progressReportFromPlan((await seedPlans())[0]!, SEED_AS_AT);
  const [first, ...rest] = report.priorities;
  return { ...report, priorities: [{ ...first!, actions: first!.actions.map((a) => (a.ref === '1.2' ? { ...a, update: LONG_UPDATE } : a)) }, ...rest] };
}
