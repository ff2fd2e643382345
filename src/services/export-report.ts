import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import { progressReportFromStore, type ProgressReport } from '../domain/progress-report.js';
import { REPORT_FORMATS, writeProgress, type ReportFormat } from '../report/write-progress.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';

export type ExportedReport = {
  report: ProgressReport;
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
};

/**
 * The committee paper's progress table for a body's plan, from the record:
 * each action with its latest update. Anyone who may read summaries may
 * export it; it changes nothing.
 */
export async function exportReport(
  deps: ServiceDeps,
  input: { bodyId: string; format: ReportFormat; year?: string; asAt?: string; flat?: boolean },
): Promise<ExportedReport> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const head = await deps.store.readPlanHead(body.id, year);
  if (head === null) throw new DomainError('plan-none', `${body.name} has no ${year} plan: import it first.`);
  const actions = (await deps.store.listActions(body.id, year)).map((a) => a.value);
  const asAt = input.asAt ?? (DateTime.fromJSDate(deps.clock(), { zone: body.timeZone }).toISODate() as string);
  const report = progressReportFromStore(head.value, actions, asAt, body.timeZone);
  const bytes = await writeProgress(report, input.format, input.flat);
  return {
    report,
    bytes,
    fileName: `${body.id}-${year}-${input.flat ? 'actions' : 'progress'}-${asAt}.${input.format}`,
    mediaType: REPORT_FORMATS[input.format].mediaType,
  };
}
