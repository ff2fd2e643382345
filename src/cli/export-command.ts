import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import type { Plan } from '../domain/plan.js';
import { progressReportFromPlan, reportRows, type ProgressReport } from '../domain/progress-report.js';
import { writeProgressCsv } from '../report/write-progress-csv.js';
import { writeProgressDocx } from '../report/write-progress-docx.js';
import { writeProgressXlsx } from '../report/write-progress-xlsx.js';
import { readPlanFile } from '../services/read-plan-file.js';
import type { CommandIo } from './import-command.js';

export type ExportOptions = {
  plan?: string;
  body?: string;
  format?: string;
  out?: string;
  title?: string;
  asAt?: string;
};

const WRITERS = {
  docx: writeProgressDocx,
  xlsx: writeProgressXlsx,
  csv: async (report: ProgressReport) => writeProgressCsv(report),
} as const;
type Format = keyof typeof WRITERS;
const FORMATS = Object.keys(WRITERS) as Format[];

/** Stops the command with a message for the person at the terminal. */
class ExportProblem extends Error {}

/**
 * `partnership-actions export --plan <file> --format docx|xlsx|csv --out <file>`:
 * the progress table for the committee papers. Returns the exit code.
 * "Today" is in the product's default zone: a plan file names no partnership.
 */
export async function exportCommand(options: ExportOptions, io: CommandIo, today = DateTime.now().setZone('Europe/London')): Promise<number> {
  try {
    if (options.body !== undefined) {
      throw new ExportProblem(
        'Exporting a partnership\'s stored actions (--body) is not available yet: it comes with the action store. ' +
          'Export from the plan file instead: --plan <file>.',
      );
    }
    if (options.plan === undefined) throw new ExportProblem('Say which plan to export: --plan <file>.');
    if (options.out === undefined) throw new ExportProblem('Say where to write the table: --out <file>, e.g. --out progress.docx.');
    const format = chooseFormat(options.format, options.out);
    const asAt = chooseDate(options.asAt, today);
    await checkFolder(options.out);

    const info = await stat(options.plan).catch(() => null);
    if (!info?.isFile()) throw new ExportProblem(`Cannot read the plan ${options.plan}: no such file.`);
    const reading = await readPlanFile(await readFile(options.plan), options.plan);
    const plan = choosePlan(reading.plans, options.title, options.plan);
    const report = progressReportFromPlan(plan, asAt);

    const bytes = await WRITERS[format](report);
    await writeFile(options.out, bytes).catch((error: NodeJS.ErrnoException) => {
      throw new ExportProblem(`Cannot write ${options.out}: ${error.code === 'EACCES' ? 'permission denied' : error.message}.`);
    });
    io.out(`Wrote ${options.out}: ${report.title}, ${reportRows(report).length} actions, progress as at ${asAt}.`);
    return 0;
  } catch (error) {
    if (error instanceof ExportProblem) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof DomainError) {
      io.err(`Cannot read the plan ${options.plan}:`);
      for (const problem of error.problems) io.err(`  - ${problem}`);
      return 1;
    }
    throw error;
  }
}

function chooseFormat(given: string | undefined, out: string): Format {
  const format = (given ?? extname(out).slice(1)).toLowerCase();
  if ((FORMATS as string[]).includes(format)) return format as Format;
  if (given === undefined) throw new ExportProblem(`Say which format to write: --format ${FORMATS.join('|')}.`);
  throw new ExportProblem(`Unknown format "${given}": use one of ${FORMATS.join(', ')}.`);
}

function chooseDate(given: string | undefined, today: DateTime): string {
  if (given === undefined) return today.toISODate()!;
  const date = DateTime.fromISO(given);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || !date.isValid) throw new ExportProblem(`--as-at "${given}" is not a date: use e.g. 2017-07-19.`);
  return given;
}

async function checkFolder(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new ExportProblem(`Cannot write ${out}: the folder ${folder} does not exist.`);
}

/** A report often holds last year's plan and this year's; --title picks one by part of its title. */
function choosePlan(plans: Plan[], title: string | undefined, file: string): Plan {
  const candidates = title === undefined ? plans : plans.filter((p) => p.title.toLowerCase().includes(title.toLowerCase()));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new ExportProblem(`No plan in ${file} has "${title}" in its title; it holds ${plans.map((p) => `"${p.title}"`).join(', ')}.`);
  }
  throw new ExportProblem(`${file} holds ${candidates.length} plans (${candidates.map((p) => `"${p.title}"`).join(', ')}); choose one with --title, e.g. --title "${candidates[0]!.title}".`);
}
