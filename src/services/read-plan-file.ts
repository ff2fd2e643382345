import { basename, extname } from 'node:path';
import type { PlanReading } from '../domain/plan.js';
import { readPlans } from '../domain/read-plan.js';
import { readSourceRows } from '../import/read-source-rows.js';

/** Reads every plan in a coordinator's file: the dry run of an import. */
export async function readPlanFile(bytes: Uint8Array, fileName: string): Promise<PlanReading> {
  const rows = await readSourceRows(bytes, fileName);
  return readPlans(rows, { fallbackTitle: basename(fileName, extname(fileName)) });
}
