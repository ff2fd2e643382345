import { DateTime } from 'luxon';
import { z } from 'zod';
import { lastReportedAt, type StatusUpdate, type StoredAction } from './action-record.js';
import { compareRefs } from './action-refs.js';
import { isNewer } from './update-rules.js';
import { isClosed, StatusSchema, type Status } from './status.js';

/**
 * What a chair wants to know before a meeting: how the plan stands, what
 * slipped, what changed since the last meeting, who has not reported, and
 * what falls due before the meeting. Pure: the caller reads the actions and
 * their updates (for a CSP: its own and its PCGs' `*CSP action` actions)
 * and passes `now`.
 */
export const StatusCountsSchema = z.record(StatusSchema, z.number().int().nonnegative());
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

const SummaryLineSchema = z.object({
  bodyId: z.string(),
  ref: z.string(),
  action: z.string(),
  lead: z.string().nullable(),
  status: StatusSchema,
  due: z.iso.date().nullable(),
});

export const MeetingSummarySchema = z.object({
  asAt: z.iso.datetime(),
  meeting: z.iso.datetime({ local: true }).nullable(),
  since: z.iso.datetime().nullable(),
  total: z.number().int().nonnegative(),
  totals: StatusCountsSchema,
  priorities: z.array(
    z.object({ bodyId: z.string(), number: z.number().int(), title: z.string(), total: z.number().int(), counts: StatusCountsSchema }),
  ),
  overdue: z.array(SummaryLineSchema.extend({ due: z.iso.date(), daysOverdue: z.number().int().positive() })),
  changes: z.array(
    SummaryLineSchema.extend({
      /** Status at the previous meeting: its newest update by then, else not-reported. */
      from: StatusSchema,
      updates: z.number().int().positive(),
      lastUpdateAt: z.iso.datetime(),
      lastUpdateBy: z.string(),
      statusChanged: z.boolean(),
      completed: z.boolean(),
      revisedDeadline: z.object({ from: z.iso.date().nullable(), to: z.iso.date() }).nullable(),
    }),
  ),
  notReported: z.array(z.object({ lead: z.string(), refs: z.array(z.string()) })),
  dueBeforeMeeting: z.array(SummaryLineSchema.extend({ due: z.iso.date() })),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export type MeetingSummaryInput = {
  now: Date;
  timeZone: string;
  /** The meeting the summary is for, local to the body ("2017-07-19T10:00"); null for an ad hoc summary. */
  meeting: string | null;
  /** The previous meeting (local): changes are counted from it. */
  previousMeeting: string | null;
  /** When this meeting's update round opened (UTC instant): who has not reported since. */
  roundOpenedAt: string | null;
  actions: readonly StoredAction[];
  /** Every update of those actions (the history before the previous meeting gives the "from" status). */
  updates: readonly StatusUpdate[];
};

const STATUSES = StatusSchema.options;

function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function statusOf(action: StoredAction): Status {
  return action.latest?.status ?? action.plan.status;
}

function dueOf(action: StoredAction): string | null {
  return action.revisedDeadline ?? action.plan.deadline;
}

function line(action: StoredAction) {
  return {
    bodyId: action.bodyId,
    ref: action.ref,
    action: action.plan.action,
    lead: action.plan.lead,
    status: statusOf(action),
    due: dueOf(action),
  };
}

function byRef(a: { bodyId: string; ref: string }, b: { bodyId: string; ref: string }): number {
  return a.bodyId.localeCompare(b.bodyId) || compareRefs(a.ref, b.ref);
}

export function meetingSummary(input: MeetingSummaryInput): MeetingSummary {
  const zone = input.timeZone;
  const today = DateTime.fromJSDate(input.now, { zone }).startOf('day');
  const since = input.previousMeeting === null ? null : DateTime.fromISO(input.previousMeeting, { zone });
  const meetingDay = input.meeting === null ? null : DateTime.fromISO(input.meeting, { zone }).startOf('day');
  const actions = input.actions.filter((a) => a.removedInVersion === null);

  const totals = zeroCounts();
  const priorities = new Map<string, MeetingSummary['priorities'][number]>();
  for (const action of actions) {
    const status = statusOf(action);
    totals[status]++;
    const key = `${action.bodyId}\u0000${action.priority.number}`;
    const entry = priorities.get(key) ?? {
      bodyId: action.bodyId,
      number: action.priority.number,
      title: action.priority.title,
      total: 0,
      counts: zeroCounts(),
    };
    entry.total++;
    entry.counts[status]++;
    priorities.set(key, entry);
  }

  const open = actions.filter((a) => !isClosed(statusOf(a)));

  const overdue = open.flatMap((a) => {
    const due = dueOf(a);
    if (due === null) return [];
    const days = Math.round(today.diff(DateTime.fromISO(due, { zone }).startOf('day'), 'days').days);
    return days > 0 ? [{ ...line(a), due, daysOverdue: days }] : [];
  });

  const history = new Map<string, StatusUpdate[]>();
  for (const update of input.updates) {
    const key = `${update.bodyId}\u0000${update.actionId}`;
    const list = history.get(key);
    if (list) list.push(update);
    else history.set(key, [update]);
  }
  const changes = actions.flatMap((action) => {
    const all = (history.get(`${action.bodyId}\u0000${action.id}`) ?? []).sort((a, b) => (isNewer(a, b) ? 1 : -1));
    const cut = since === null ? 0 : all.findIndex((u) => DateTime.fromISO(u.at) > since);
    if (cut < 0 || cut >= all.length) return [];
    const before = all.slice(0, cut);
    const recent = all.slice(cut);
    const last = recent[recent.length - 1]!;
    const from: Status = before[before.length - 1]?.status ?? 'not-reported';
    const deadlineBefore = [...before].reverse().find((u) => u.revisedDeadline !== null)?.revisedDeadline ?? action.plan.deadline;
    const revised = [...recent].reverse().find((u) => u.revisedDeadline !== null)?.revisedDeadline ?? null;
    return [
      {
        ...line(action),
        status: last.status,
        from,
        updates: recent.length,
        lastUpdateAt: last.at,
        lastUpdateBy: last.author.displayName,
        statusChanged: from !== last.status,
        completed: last.status === 'completed' && from !== 'completed',
        revisedDeadline: revised !== null && revised !== deadlineBefore ? { from: deadlineBefore, to: revised } : null,
      },
    ];
  });

  const roundOpened = input.roundOpenedAt === null ? since : DateTime.fromISO(input.roundOpenedAt);
  const silent = new Map<string, string[]>();
  for (const action of open) {
    const lead = action.plan.lead;
    if (lead === null) continue;
    const reportedAt = lastReportedAt(action.latest);
    const reportedSince = reportedAt !== null && (roundOpened === null || DateTime.fromISO(reportedAt) >= roundOpened);
    if (reportedSince) continue;
    silent.set(lead, [...(silent.get(lead) ?? []), action.ref]);
  }

  const dueBeforeMeeting =
    meetingDay === null
      ? []
      : open.flatMap((a) => {
          const due = dueOf(a);
          if (due === null) return [];
          const day = DateTime.fromISO(due, { zone });
          return day >= today && day <= meetingDay ? [{ ...line(a), due }] : [];
        });

  return {
    asAt: input.now.toISOString(),
    meeting: input.meeting,
    since: since === null ? null : (since.toUTC().toISO() as string),
    total: actions.length,
    totals,
    priorities: [...priorities.values()].sort((a, b) => a.bodyId.localeCompare(b.bodyId) || a.number - b.number),
    overdue: overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || byRef(a, b)),
    changes: changes.sort(byRef),
    notReported: [...silent.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([lead, refs]) => ({ lead, refs })),
    dueBeforeMeeting: dueBeforeMeeting.sort((a, b) => a.due.localeCompare(b.due) || byRef(a, b)),
  };
}
