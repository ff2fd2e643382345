import { basename, extname } from 'node:path';
import type { PlanReading } from '../domain/plan.js';
import type { ColumnOverrides } from '../domain/plan-columns.js';
import { readPlans } from '../domain/read-plan.js';
import { readSourceFile } from '../import/read-source-rows.js';

export type ReadPlanFileOptions = {
  /** The coordinator's corrections to the column mapping (`--column "<heading>=<field>"`). */
  columns?: ColumnOverrides;
};

/** Reads every plan in a coordinator's file: the dry run of an import. Unknown columns come through as each action's extra fields. */
export async function readPlanFile(bytes: Uint8Array, fileName: string, options: ReadPlanFileOptions = {}): Promise<PlanReading> {
  const { rows, title } = await readSourceFile(bytes, fileName);
  return readPlans(rows, {
    fallbackTitle: basename(fileName, extname(fileName)),
    ...(title !== null ? { documentTitle: title } : {}),
    ...(options.columns ? { columns: options.columns } : {}),
  });
}
