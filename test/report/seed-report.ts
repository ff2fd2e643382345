import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

const SEED = fileURLToPath(new URL('../../../shared/seeds/000_7eb01a06a80e3408.txt', import.meta.url));

/** Seed 000's plans as the importer reads them: [0] is 2016-17 with its progress column, [1] is 2017-18. */
export async function seedPlans(): Promise<Plan[]> {
  return (await readPlanFile(await readFile(SEED), '000_7eb01a06a80e3408.txt')).plans;
}

/** The date of the Policy Group meeting the seed's report went to. */
export const SEED_AS_AT = '2017-07-19';
