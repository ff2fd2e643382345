import { progressExceptions, reportRows, type ProgressReport } from './progress-report.js';
import type { Status } from './status.js';

/**
 * The sign-off report a partnership writes when its plan year ends, in the
 * layout of the Purbeck Policy Group paper of July 2017: purpose, progress in
 * numbers, every action not completed with its reason (or the action of next
 * year's plan it continues as), key achievements per priority, and the
 * progress table as an appendix. It is the coordinator's draft.
 */
export type YearEndCounts = { total: number; completed: number; notCompleted: number; open: number; notReported: number; carriedForward: number };

export type YearEndException = { ref: string; status: Status; reason: string; carriedForwardAs: string | null };

export type YearEndAchievement = { ref: string; action: string; narrative: string };

export type YearEndReport = {
  title: string;
  /** The plan year signed off, and the next one when it is in. */
  year: string;
  nextYear: string | null;
  counts: YearEndCounts;
  exceptions: YearEndException[];
  achievements: Array<{ number: number; title: string; items: YearEndAchievement[] }>;
  progress: ProgressReport;
};

/**
 * `next.carriedAs` maps each of this year's refs to the next year's action
 * that continues it (the links stored on the new plan's actions).
 */
export function yearEndReport(progress: ProgressReport, year: string, next: { year: string; carriedAs: ReadonlyMap<string, string> } | null): YearEndReport {
  const rows = reportRows(progress);
  const carriedAs = next?.carriedAs ?? new Map<string, string>();
  const exceptions = progressExceptions(progress).map((e): YearEndException => {
    const newRef = carriedAs.get(e.ref) ?? null;
    if (newRef === null) return { ...e, carriedForwardAs: null };
    const narrative = rows.find((r) => r.ref === e.ref)!.update.replace(/\s*\n\s*/g, ' ').trim();
    const reason = `Carried forward as action ${newRef} of the ${next!.year} plan.${narrative === '' ? '' : ` ${narrative.replace(/([^.!?])$/, '$1.')}`}`;
    return { ref: e.ref, status: e.status, reason, carriedForwardAs: newRef };
  });
  const count = (status: Status) => rows.filter((r) => r.status === status).length;
  const counts: YearEndCounts = {
    total: rows.length,
    completed: count('completed'),
    notCompleted: count('not-completed'),
    notReported: count('not-reported'),
    open: rows.length - count('completed') - count('not-completed') - count('not-reported'),
    carriedForward: exceptions.filter((e) => e.carriedForwardAs !== null).length,
  };
  const achievements = progress.priorities
    .map((p) => ({
      number: p.number,
      title: p.title,
      items: p.actions
        .filter((a) => a.status === 'completed')
        .map((a) => ({ ref: a.ref, action: a.action.replace(/\s*\n\s*/g, ' ').trim(), narrative: a.update.replace(/\s*\n\s*/g, ' ').trim() })),
    }))
    .filter((p) => p.items.length > 0);
  return { title: progress.title, year, nextYear: next?.year ?? null, counts, exceptions, achievements, progress };
}

/** The paper's progress paragraph: "Of the 27 actions in the 2016-17 plan, 22 were completed, …". */
export function progressSentence(report: YearEndReport): string {
  const c = report.counts;
  const parts = [
    `${c.completed} ${c.completed === 1 ? 'was' : 'were'} completed`,
    ...(c.notCompleted > 0 ? [`${c.notCompleted} ${c.notCompleted === 1 ? 'was' : 'were'} not completed`] : []),
    ...(c.open > 0 ? [`${c.open} ${c.open === 1 ? 'is' : 'are'} still open`] : []),
    ...(c.notReported > 0 ? [`${c.notReported} ${c.notReported === 1 ? 'has' : 'have'} no progress reported`] : []),
  ];
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
  const carried = c.carriedForward === 0 || report.nextYear === null ? '' : ` ${c.carriedForward} of the actions not completed ${c.carriedForward === 1 ? 'continues' : 'continue'} in the ${report.nextYear} plan.`;
  return `Of the ${c.total} actions in the ${report.year} plan, ${list}.${carried}`;
}
