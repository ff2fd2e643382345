import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../src/domain/plan.js';
import type { PersonId } from '../../src/domain/partnership.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { carryForward } from '../../src/services/carry-forward.js';
import { importPlan } from '../../src/services/import-plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

const SAMPLE_PLAN = fileURLToPath(new URL('../../examples/purbeck-2017-18.txt', import.meta.url));

/**
 * The sample partnership's next plan, imported as a coordinator does with
 * the CLI's services: the 2018-19 plan holds the 2017-18 plan's priority 2
 * only, so its actions carry forward (same wording) and the rest of 2017-18
 * is left open.
 */
export async function importNextYearPlan(deps: ServiceDeps, by: PersonId): Promise<void> {
  const sample = (await readPlanFile(await readFile(SAMPLE_PLAN), 'purbeck-2017-18.txt')).plans[0]!;
  const next: Plan = { ...sample, title: 'CRIME AND DISORDER REDUCTION PLAN 2018-2019', priorities: sample.priorities.filter((p) => p.number === 2) };
  await importPlan(deps, { bodyId: 'purbeck-pcg', plan: next, fileName: 'purbeck-2018-19.txt', by });
  await carryForward(deps, { bodyId: 'purbeck-pcg', year: '2018-19', by });
}
