import { readFile, stat, writeFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { previousPlanYear, suggestCarryForward } from '../domain/carry-forward.js';
import { DomainError } from '../domain/errors.js';
import { planYear } from '../domain/plan-changes.js';
import { planActions } from '../domain/plan.js';
import { progressReportFromPlan } from '../domain/progress-report.js';
import { STATUS_LABELS } from '../domain/status.js';
import { yearEndReport, type YearEndReport } from '../domain/year-end-report.js';
import { writeHighlightsDocx } from '../report/write-highlights-docx.js';
import { writeYearEndDocx } from '../report/write-year-end-docx.js';
import { findCoordinator } from '../services/find-coordinator.js';
import { highlightsOf } from '../services/highlights.js';
import { readPlanFile } from '../services/read-plan-file.js';
import { closeAtYearEnd, leftOpen, yearEndReportOf } from '../services/year-end.js';
import { choosePlan, CommandProblem } from './choose-plan.js';
import type { CommandIo } from './import-command.js';
import { onSharedStore, type WithStore } from './store-commands.js';

export type YearEndExportOptions = {
  yearEnd?: boolean;
  highlights?: boolean;
  plan?: string;
  body?: string;
  title?: string;
  out?: string;
  format?: string;
  asAt?: string;
  year?: string;
  from?: string;
  to?: string;
};

/**
 * `export --year-end` (the sign-off report) and `export --highlights --from
 * --to` (a period's activities and achievements), both as Word drafts.
 * Returns the exit code.
 */
export async function exportYearEndCommand(options: YearEndExportOptions, config: Config, withStore: WithStore, io: CommandIo, today = DateTime.now().setZone('Europe/London')): Promise<number> {
  try {
    checkOptions(options);
    if (options.plan !== undefined) {
      const report = await yearEndFromFile(options.plan, options.title, options.asAt ?? today.toISODate()!);
      return await save(options.out!, await writeYearEndDocx(report), `the ${report.year} sign-off report, ${report.exceptions.length} exceptions`, io);
    }
  } catch (error) {
    if (error instanceof CommandProblem || error instanceof DomainError) {
      io.err(error.message);
      if (error instanceof DomainError && error.problems.length > 1) for (const p of error.problems) io.err(`  - ${p}`);
      return 1;
    }
    throw error;
  }
  return onSharedStore(config, io, `Cannot export ${options.body}`, () =>
    withStore(async (deps) => {
      const bodyId = options.body!;
      const year = options.year ? { year: options.year } : {};
      if (options.highlights) {
        const report = await highlightsOf(deps, { bodyId, from: options.from!, to: options.to!, ...year });
        const changed = report.sections.flatMap((s) => s.priorities).reduce((n, p) => n + p.counts.changed, 0);
        return save(options.out!, await writeHighlightsDocx(report), `highlights ${report.from} to ${report.to}, ${changed} actions with progress`, io);
      }
      const report = await yearEndReportOf(deps, { bodyId, ...year, ...(options.asAt ? { asAt: options.asAt } : {}) });
      return save(options.out!, await writeYearEndDocx(report), `${report.bodyName}'s ${report.year} sign-off report (a draft to edit), ${report.exceptions.length} exceptions`, io);
    }),
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkOptions(o: YearEndExportOptions): void {
  if (o.yearEnd && o.highlights) throw new CommandProblem('Give --year-end or --highlights, not both.');
  if (o.out === undefined) throw new CommandProblem('Say where to write the report: --out <file>, e.g. --out year-end.docx.');
  if ((o.format ?? 'docx').toLowerCase() !== 'docx' || !o.out.toLowerCase().endsWith('.docx')) {
    throw new CommandProblem('The year-end and highlight reports are Word drafts: use --out <file>.docx (and --format docx, or none).');
  }
  for (const [name, value] of [['--as-at', o.asAt], ['--from', o.from], ['--to', o.to]] as const) {
    if (value !== undefined && (!ISO_DATE.test(value) || !DateTime.fromISO(value).isValid)) throw new CommandProblem(`${name} "${value.slice(0, 40)}" is not a date: use e.g. 2017-07-19.`);
  }
  if (o.highlights) {
    if (o.body === undefined) throw new CommandProblem('A highlight report is of a body\'s record: give --body <id> (a PCG, or a CSP for its PCGs\' *CSP actions).');
    if (o.from === undefined || o.to === undefined) throw new CommandProblem('Say which period: --from 2017-04-01 --to 2017-06-30.');
    return;
  }
  if ((o.plan === undefined) === (o.body === undefined)) throw new CommandProblem('Say what to report on: --body <id> (the record) or --plan <file> (a file holding the year\'s plan and the next).');
}

/**
 * From a file holding the year's plan and the next (as seed 000's paper
 * does): the plan chosen (by --title, else the earliest year), carried
 * forward as the matcher suggests.
 */
async function yearEndFromFile(file: string, title: string | undefined, asAt: string): Promise<YearEndReport> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new CommandProblem(`Cannot read the plan ${file}: no such file.`);
  const reading = await readPlanFile(await readFile(file), file);
  const dated = reading.plans.flatMap((p) => {
    const year = planYear(p.title);
    return year === null ? [] : [{ year, plan: p }];
  });
  const chosen = title !== undefined ? choosePlan(reading.plans, title, file) : [...dated].sort((a, b) => a.year.localeCompare(b.year))[0]?.plan ?? choosePlan(reading.plans, undefined, file);
  const year = planYear(chosen.title);
  if (year === null) throw new CommandProblem(`The plan "${chosen.title}" names no year such as 2016-17 in its title.`);
  const next = dated.find((d) => previousPlanYear(d.year) === year);
  const carriedAs = next === undefined ? null : new Map(suggestCarryForward(planActions(chosen), planActions(next.plan)).map((s) => [s.from, s.ref]));
  return yearEndReport(progressReportFromPlan(chosen, asAt), year, next === undefined ? null : { year: next.year, carriedAs: carriedAs! });
}

async function save(out: string, bytes: Uint8Array, what: string, io: CommandIo): Promise<number> {
  await writeFile(out, bytes).catch((error: NodeJS.ErrnoException) => {
    throw new CommandProblem(`Cannot write ${out}: ${error.code === 'EACCES' ? 'permission denied' : error.code === 'ENOENT' ? 'its folder does not exist' : error.message}.`);
  });
  io.out(`Wrote ${out}: ${what}.`);
  return 0;
}

/**
 * `year-end <body>`: last year's actions still open and not carried forward;
 * with --close <ref> --status --reason, records the year-end close of one.
 */
export async function yearEndCommand(
  bodyId: string,
  options: { year?: string; close?: string; status?: string; reason?: string; as?: string },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onSharedStore(config, io, options.close ? `Not closed` : `Cannot list ${bodyId}'s open actions`, () =>
    withStore(async (deps) => {
      const year = options.year ? { year: options.year } : {};
      if (options.close !== undefined) {
        if (options.status === undefined || options.reason === undefined) throw new CommandProblem('Close with a status and a reason: --status completed|not-completed --reason "…".');
        const by = await findCoordinator(deps, { bodyId, as: options.as ?? config.cliAs });
        const u = await closeAtYearEnd(deps, { bodyId, ...year, ref: options.close, status: options.status, reason: options.reason, by, source: 'cli' });
        io.out(`Closed ${u.year} ${u.ref} as ${STATUS_LABELS[u.status].symbol} ${STATUS_LABELS[u.status].word} by ${u.author.displayName} at ${u.at}: ${u.narrative}`);
        return 0;
      }
      const open = await leftOpen(deps, { bodyId, ...year });
      const into = open.nextYear === null ? '' : ` and not carried forward into ${open.nextYear}`;
      if (open.actions.length === 0) {
        io.out(`Nothing left hanging: every action of ${open.bodyName}'s ${open.year} plan is closed${open.nextYear === null ? '' : ' or carried forward'}.`);
        return 0;
      }
      io.out(`${open.actions.length} of ${open.bodyName}'s ${open.year} actions are still open${into}; close each with --close <ref> --status completed|not-completed --reason "…":`);
      for (const a of open.actions) {
        const status = a.latest?.status ?? a.plan.status;
        const said = a.latest?.narrative ?? a.plan.update;
        io.out(`  ${a.ref.padEnd(5)} ${STATUS_LABELS[status].symbol} ${STATUS_LABELS[status].word.padEnd(14)} ${a.plan.action.replace(/\s+/g, ' ').slice(0, 80)}`);
        if (said.trim() !== '') io.out(`        last said: ${said.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      return 0;
    }),
  );
}
