import { DateTime } from 'luxon';
import { z } from 'zod';
import { lastReportedAt, type PlanHead, type StatusUpdate, type StoredAction } from './action-record.js';
import { compareRefs } from './action-refs.js';
import { dateInWords, listInWords } from './in-words.js';
import { ActionRefSchema, type Plan } from './plan.js';
import { RoleSchema } from './roles.js';
import { StatusSchema, type Status } from './status.js';

/**
 * The committee paper's progress table: what the writers in `src/report/`
 * lay out, whatever it was built from. Built from an imported plan today;
 * the store-backed export builds the same input from stored actions and
 * their latest updates, so every format is written once.
 */
export const ProgressRowSchema = z.object({
  ref: ActionRefSchema,
  action: z.string(),
  measure: z.string(),
  outcome: z.string(),
  /** The RESOURCES/PARTNERS cell as written: it names the lead. */
  resources: z.string(),
  /** As the plan writes it ("Sept 2016"); may be empty. */
  deadlineText: z.string(),
  deadline: z.iso.date().nullable(),
  status: StatusSchema,
  /** The narrative after the status word, paragraphs separated by "\n". */
  update: z.string(),
  cspAction: z.boolean(),
  /** The plan's other columns (budget, risk, notes…), heading → value. */
  extra: z.record(z.string(), z.string()).optional(),
  /** Role key of the lead, for the flat table; null when the plan names none. */
  lead: z.string().nullable().optional(),
  /** The partnership's calendar date of the latest update; null until someone reports (and for a plan file). */
  lastUpdated: z.iso.date().nullable().optional(),
});
export type ProgressRow = z.infer<typeof ProgressRowSchema>;

export const ProgressPrioritySchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  corporatePriority: z.string().nullable(),
  actions: z.array(ProgressRowSchema),
});
export type ProgressPriority = z.infer<typeof ProgressPrioritySchema>;

export const ProgressReportSchema = z.object({
  title: z.string().min(1),
  /** The date the progress is reported at, in the partnership's calendar. */
  asAt: z.iso.date(),
  priorities: z.array(ProgressPrioritySchema),
  /** Roles the table names by abbreviation, spelled out for readers outside the partnership. */
  roles: z.array(RoleSchema),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

export function progressReportFromPlan(plan: Plan, asAt: string): ProgressReport {
  return ProgressReportSchema.parse({
    title: plan.title,
    asAt,
    priorities: plan.priorities.map((priority) => ({
      number: priority.number,
      title: priority.title,
      corporatePriority: priority.corporatePriority,
      actions: priority.actions.map((a) => ({
        ref: a.ref,
        action: a.action,
        measure: a.measure,
        outcome: a.outcome,
        resources: a.resources,
        deadlineText: a.deadlineText,
        deadline: a.deadline,
        status: a.status,
        update: a.update,
        cspAction: a.cspAction,
        ...(a.extra ? { extra: a.extra } : {}),
        lead: a.lead,
        lastUpdated: null,
      })),
    })),
    // A role whose key is its name has nothing to spell out.
    roles: plan.roles.filter((r) => r.key !== r.name),
  });
}

/** The headings of the plan's extra columns, in the order the table first meets them. */
export function extraHeadings(report: ProgressReport): string[] {
  const headings = new Set<string>();
  for (const priority of report.priorities) for (const row of priority.actions) for (const heading of Object.keys(row.extra ?? {})) headings.add(heading);
  return [...headings];
}

export function reportRows(report: ProgressReport): ProgressRow[] {
  return report.priorities.flatMap((p) => p.actions);
}

/**
 * The sentence that opens "Progress against the plan", fitting the moment.
 * At year end (when at least three in four dated actions have fallen due:
 * seed 000 reports on its 2016-17 plan in July 2017 with two actions still
 * due in October 2017 and March 2018) it is the committee's own: "All actions within the plan have been completed
 * with the exception of the following:" (seed 000, §5.10), unless nothing
 * or everything is complete. Mid-year it says how many are complete, which,
 * and that the rest, listed after it, are open.
 */
export function progressIntro(report: ProgressReport): string {
  const rows = reportRows(report);
  const done = rows.filter((r) => r.status === 'completed').map((r) => r.ref);
  const open = rows.length - done.length;
  const dated = rows.filter((r) => r.deadline !== null);
  const yearEnd = dated.length > 0 && dated.filter((r) => r.deadline! <= report.asAt).length * 4 >= dated.length * 3;
  if (rows.length === 0) return 'The plan holds no actions.';
  if (open === 0) return 'All actions within the plan have been completed.';
  if (yearEnd) {
    return done.length === 0
      ? `None of the ${rows.length} actions within the plan has been completed; each is listed below with where it stands:`
      : 'All actions within the plan have been completed with the exception of the following:';
  }
  const asAt = dateInWords(report.asAt);
  if (done.length === 0) return `As at ${asAt}, none of the ${rows.length} actions within the plan has been completed yet. Where each stands:`;
  return `As at ${asAt}, ${done.length} of the ${rows.length} actions within the plan ${done.length === 1 ? 'has' : 'have'} been completed (${listInWords(done)}). The ${open === 1 ? 'other is' : `other ${open} are`} open:`;
}

export type ProgressException = {
  ref: string;
  status: Status;
  /** What the paper says after "Action 3.1 – ". */
  reason: string;
};

/**
 * "Progress against the plan": every action not completed, with its reason,
 * as a committee paper lists them ("Action 3.1 – Dog chipping can no longer
 * be offered free…"). Actions still open are listed too, with when they are
 * (or were) due, because an action open at year end is an exception as well.
 */
export function progressExceptions(report: ProgressReport): ProgressException[] {
  const asAt = DateTime.fromISO(report.asAt, { zone: 'UTC' });
  return reportRows(report).flatMap((row) =>
    row.status === 'completed' ? [] : [{ ref: row.ref, status: row.status, reason: exceptionReason(row, row.status, asAt) }],
  );
}

function exceptionReason(row: ProgressRow, status: Exclude<Status, 'completed'>, asAt: DateTime): string {
  const narrative = row.update.replace(/\s*\n\s*/g, ' ').trim();
  if (status === 'not-completed') return narrative === '' ? 'Not completed; no reason was recorded.' : narrative;
  const state = status === 'not-reported' ? 'No progress has been reported' : `Open (${OPEN_NAMES[status]})`;
  const said = narrative === '' ? '' : `: ${narrative}`;
  return `${state}${dueClause(row, asAt)}${said}`.replace(/([^.!?])$/, '$1.');
}

function dueClause(row: ProgressRow, asAt: DateTime): string {
  if (row.deadline === null) return row.deadlineText === '' ? '' : `, deadline ${row.deadlineText}`;
  const due = DateTime.fromISO(row.deadline, { zone: 'UTC' });
  return due < asAt ? `, was due ${due.toFormat('LLLL yyyy')}` : `, not due until ${due.toFormat('LLLL yyyy')}`;
}

/** Words for prose; STATUS_LABELS holds the ones tables show. */
const OPEN_NAMES: Record<Exclude<Status, 'completed' | 'not-completed' | 'not-reported'>, string> = {
  green: 'green',
  amber: 'amber',
  red: 'red',
  'in-progress': 'in progress',
};

/**
 * The progress table from the record: each action as the newest plan
 * version states it, with its latest update's status and narrative (the
 * plan's own column until someone reports). Removed actions are left out.
 */
export function progressReportFromStore(head: PlanHead, actions: readonly StoredAction[], asAt: string, zone = 'Europe/London'): ProgressReport {
  const byPriority = new Map<number, StoredAction[]>();
  for (const action of actions) {
    if (action.removedInVersion !== null) continue;
    const list = byPriority.get(action.priority.number);
    if (list) list.push(action);
    else byPriority.set(action.priority.number, [action]);
  }
  return ProgressReportSchema.parse({
    title: head.title,
    asAt,
    priorities: head.priorities
      .filter((p) => byPriority.has(p.number))
      .map((priority) => ({
        number: priority.number,
        title: priority.title,
        corporatePriority: priority.corporatePriority,
        actions: byPriority
          .get(priority.number)!
          .sort((a, b) => compareRefs(a.ref, b.ref))
          .map((a) => ({
            ref: a.ref,
            action: a.plan.action,
            measure: a.plan.measure,
            outcome: a.plan.outcome,
            resources: a.plan.resources,
            deadlineText: a.revisedDeadline === null ? a.plan.deadlineText : revisedText(a.plan.deadlineText, a.revisedDeadline),
            deadline: a.revisedDeadline ?? a.plan.deadline,
            status: a.latest?.status ?? a.plan.status,
            update: a.latest?.narrative ?? a.plan.update,
            cspAction: a.plan.cspAction,
            ...(a.plan.extra ? { extra: a.plan.extra } : {}),
            lead: a.plan.lead,
            lastUpdated: reportedDay(a.latest, zone),
          })),
      })),
    roles: head.roles.filter((r) => r.key !== r.name),
  });
}

/** The committee sees both the plan's deadline and the revision: "March 2018 (revised to 31/10/2018)". */
function revisedText(planned: string, revised: string): string {
  const shown = DateTime.fromISO(revised).toFormat('dd/MM/yyyy');
  return planned === '' ? shown : `${planned} (revised to ${shown})`;
}

/** The day, in the body's zone, the lead last reported; an undo brings back the day of the update it restores. */
function reportedDay(latest: StatusUpdate | null, zone: string): string | null {
  const at = lastReportedAt(latest);
  return at === null ? null : DateTime.fromISO(at, { zone }).toISODate();
}
