import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import { progressReportFromPlan, reportRows, type ProgressReport } from '../domain/progress-report.js';
import { isReportFormat, REPORT_FORMAT_NAMES, writeProgress, type ReportFormat } from '../report/write-progress.js';

type ReportLayout = { format: ReportFormat; flat: boolean };
import { exportReport } from '../services/export-report.js';
import { readPlanFile } from '../services/read-plan-file.js';
import type { CommandIo } from './import-command.js';
import type { WithStore } from './store-commands.js';
import { choosePlan, CommandProblem } from './choose-plan.js';

export type ExportOptions = {
  plan?: string;
  body?: string;
  format?: string;
  out?: string;
  title?: string;
  asAt?: string;
  year?: string;
  /** One row per action (CSV only) instead of the committee layout. */
  flat?: boolean;
};

/** The shared store, for `--body`; null when none is configured (no COSMOS_ENDPOINT). */
export type ExportStore = { withStore: WithStore } | null;

/**
 * `partnership-actions export --plan <file> | --body <id> --format docx|xlsx|csv --out <file>`:
 * the progress table for the committee papers. Returns the exit code.
 * For a plan file "today" is in the product's default zone (a file names no
 * partnership); for a body it is in the body's own zone.
 */
export async function exportCommand(
  options: ExportOptions,
  io: CommandIo,
  today = DateTime.now().setZone('Europe/London'),
  store: ExportStore = null,
): Promise<number> {
  try {
    if (options.plan !== undefined && options.body !== undefined) throw new CommandProblem('Give --plan or --body, not both.');
    if (options.out === undefined) throw new CommandProblem('Say where to write the table: --out <file>, e.g. --out progress.docx.');
    const format = chooseFormat(options.format, options.out);
    if (options.flat === true && format !== 'csv') throw new CommandProblem(`--flat writes one row per action as CSV, not ${format}: use --format csv (or an --out name ending .csv).`);
    const asAt = options.asAt === undefined ? undefined : chooseDate(options.asAt, today);
    await checkFolder(options.out);
    if (options.body !== undefined) return await exportBody(options.body, { ...options, asAt }, format, options.out, store, io);
    if (options.plan === undefined) {
      throw new CommandProblem('Say what to export: --plan <file> (a plan file) or --body <id> (a partnership body\'s stored actions).');
    }
    return await exportPlan(options.plan, options.title, asAt ?? chooseDate(undefined, today), { format, flat: options.flat === true }, options.out, io);
  } catch (error) {
    if (error instanceof CommandProblem) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof DomainError) {
      io.err(options.body === undefined ? `Cannot read the plan ${options.plan}:` : `Cannot export ${options.body}: ${error.message}`);
      if (options.body === undefined || error.problems.length > 1) for (const problem of error.problems) io.err(`  - ${problem}`);
      return 1;
    }
    throw error;
  }
}

async function exportPlan(file: string, title: string | undefined, asAt: string, layout: ReportLayout, out: string, io: CommandIo): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new CommandProblem(`Cannot read the plan ${file}: no such file.`);
  const reading = await readPlanFile(await readFile(file), file);
  const report = progressReportFromPlan(choosePlan(reading.plans, title, file), asAt);
  await save(out, await writeProgress(report, layout.format, layout.flat), report, io);
  return 0;
}

async function exportBody(
  bodyId: string,
  options: ExportOptions,
  format: ReportFormat,
  out: string,
  store: ExportStore,
  io: CommandIo,
): Promise<number> {
  if (store === null) {
    io.err('Exporting a body needs the shared store: set COSMOS_ENDPOINT (e.g. the endpoint `npm start` printed).');
    return 2;
  }
  const exported = await store.withStore((deps) =>
    exportReport(deps, { bodyId, format, flat: options.flat === true, ...(options.year ? { year: options.year } : {}), ...(options.asAt ? { asAt: options.asAt } : {}) }),
  );
  await save(out, exported.bytes, exported.report, io);
  return 0;
}

async function save(out: string, bytes: Uint8Array, report: ProgressReport, io: CommandIo): Promise<void> {
  await writeFile(out, bytes).catch((error: NodeJS.ErrnoException) => {
    throw new CommandProblem(`Cannot write ${out}: ${error.code === 'EACCES' ? 'permission denied' : error.message}.`);
  });
  io.out(`Wrote ${out}: ${report.title}, ${reportRows(report).length} actions, progress as at ${report.asAt}.`);
}

function chooseFormat(given: string | undefined, out: string): ReportFormat {
  const format = (given ?? extname(out).slice(1)).toLowerCase();
  if (isReportFormat(format)) return format;
  if (given === undefined) throw new CommandProblem(`Say which format to write: --format ${REPORT_FORMAT_NAMES.join('|')}.`);
  throw new CommandProblem(`Unknown format "${given}": use one of ${REPORT_FORMAT_NAMES.join(', ')}.`);
}

function chooseDate(given: string | undefined, today: DateTime): string {
  if (given === undefined) return today.toISODate()!;
  const date = DateTime.fromISO(given);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || !date.isValid) throw new CommandProblem(`--as-at "${given}" is not a date: use e.g. 2017-07-19.`);
  return given;
}

async function checkFolder(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new CommandProblem(`Cannot write ${out}: the folder ${folder} does not exist.`);
}

