import { DateTime } from 'luxon';
import { lastReportedAt, type StoredAction } from './action-record.js';
import type { ChaseSettings } from './chase-settings.js';
import { DomainError } from './errors.js';
import type { PlanAction } from './plan.js';
import { isClosed, type Status } from './status.js';
import {
  addDays,
  daysBetween,
  isWorkingTime,
  localInstant,
  localTime,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBefore,
} from './working-time.js';

/**
 * Which proactive messages are due at an instant (issue 6): prompts before a
 * deadline, overdue reminders and their escalation, the update round and the
 * summary before each meeting. Pure: the scheduler's tick and the `due`
 * preview call the same function with `now`, and differ only in `history`.
 *
 * Every message belongs to a slot: a local date at `sendAt` (09:00) on a
 * working day, named so the id `kind:actionId:slot` is the same on every
 * tick and every instance. A tick returns, for each action and kind, only the
 * latest slot that has come and is still current, and only if its id is not
 * in `history.sent`: a tick after a gap catches up with one message, not a
 * backlog, and a tick that is repeated sends nothing twice.
 *
 * Slots: `<due>-d<days>` (prompt), `<due>-r<n>` (reminder),
 * `<due>-r<n>-chair|channel` (escalation), `<meeting date>` (round, summary;
 * the summary's action id is `body`). The store's sent-message id is `sent:`
 * and the message id. A revised deadline makes new slots, so the new date is
 * chased afresh. The scheduler keeps when a tick last ran (on any instance);
 * a tick after a gap answers for the slots since that day that are still the
 * latest of their kind, back 12 days at most (the longest stretch between two
 * slots of one kind, and a weekend), so a message missed while the bot was
 * down goes out late rather than never.
 *
 * The scheduler calls `dueMessages({ now, settings, actions, meetings, history })`
 * with `chasedFromStored(action)` for each stored action and
 * `historyFromStore(actions, claimedIds, deliveredIds)`; `bankHolidayWarning(date)`
 * and `nextWorkingMoment(now, workingHours)` serve its log and its timer.
 */

export type MessageKind = 'prompt' | 'reminder' | 'escalation' | 'round' | 'summary';

/** What the rules need of an action. */
export type ChasedAction = {
  /** The store's action id ("action:2017-18:2.2"); the preview uses the ref. */
  id: string;
  ref: string;
  /** Role key of the lead; null when the plan names none. */
  lead: string | null;
  /** ISO date it is due: a revised deadline if one was given, else the plan's; null for none. */
  due: string | null;
  status: Status;
};

export type ChaseHistory = {
  /** Ids (as `dueMessages` gives them) of messages already claimed, sent or failed. */
  sent: ReadonlySet<string>;
  /** Action id → UTC instant of its latest update; absent when it has none. */
  updatedAt: ReadonlyMap<string, string>;
  /**
   * Ids of the reminders Teams accepted. Given (the scheduler), an escalation
   * needs the reminders it counts to have reached the lead: an action overdue
   * since before the bot ran, or whose lead it cannot reach, is not escalated
   * for reminders nobody got. Absent (the preview), the chase is taken to have
   * run as scheduled.
   */
  delivered?: ReadonlySet<string>;
};

export const NO_HISTORY: ChaseHistory = { sent: new Set(), updatedAt: new Map() };

type Common = {
  /** `${kind}:${actionId ?? 'body'}:${slot}`; the store's `sentMessageId(kind, actionId, slot)` is "sent:" + this. */
  id: string;
  actionId: string | null;
  ref: string | null;
  /** A lead's role key, "chair" or "channel". */
  to: string;
  slot: string;
  /** The slot's instant, UTC: never after `now`, always in working time. */
  scheduledFor: string;
};

export type DueMessage = Common &
  (
    | { kind: 'prompt'; due: string; daysBefore: number }
    | { kind: 'reminder'; due: string; reminder: number; overdueDays: number }
    | { kind: 'escalation'; due: string; lead: string | null; reminder: number; unansweredReminders: number; overdueDays: number }
    | { kind: 'round'; meeting: string }
    | { kind: 'summary'; meeting: string }
  );

export type DueMessagesInput = {
  now: Date;
  settings: ChaseSettings;
  actions: readonly ChasedAction[];
  /** The body's meetings: local dates ("2017-07-19") or date-times ("2017-07-19T14:00") in its zone. */
  meetings: readonly string[];
  history?: ChaseHistory;
};

/** Who a lead's message goes to: the lead, or the chair when the plan names no lead, so nothing goes unchased. */
function recipient(action: ChasedAction): string {
  return action.lead ?? 'chair';
}

function messageId(kind: MessageKind, actionId: string | null, slot: string): string {
  return `${kind}:${actionId ?? 'body'}:${slot}`;
}

/**
 * Reminders stop once an action is this many days overdue: by then it is a
 * plan of another year, and the summary still lists it as overdue.
 */
export const REMINDER_HORIZON_DAYS = 3 * 366;

type Meeting = { date: string; start: number };

/** Sorted by start; one per local date (the earliest), since the slot is named by the date. */
function readMeetings(meetings: readonly string[], zone: string): Meeting[] {
  const byDate = new Map<string, Meeting>();
  for (const text of meetings) {
    const local = DateTime.fromISO(text, { zone });
    if (!local.isValid) throw new DomainError('input-invalid', `Meeting "${text}" is not a local date or date-time; write e.g. "2017-07-19" or "2017-07-19T14:00".`);
    const meeting = { date: local.toISODate()!, start: local.toMillis() };
    const known = byDate.get(meeting.date);
    if (known === undefined || meeting.start < known.start) byDate.set(meeting.date, meeting);
  }
  return [...byDate.values()].sort((a, b) => a.start - b.start);
}

/**
 * Everything due at `now` and not yet in `history.sent`, in a stable order:
 * the summary, then each action in the order given (prompt, reminder,
 * escalation to the chair then the channel, round). Outside working time
 * nothing is due: those slots wait for the next working moment.
 */
export function dueMessages(input: DueMessagesInput): DueMessage[] {
  const { now, settings } = input;
  const history = input.history ?? NO_HISTORY;
  if (!isWorkingTime(now, settings)) return [];
  const rules = new Rules(now, settings);
  const meetings = readMeetings(input.meetings, settings.timeZone);
  const out: DueMessage[] = [];
  const add = (message: DueMessage | null): void => {
    if (message !== null && !history.sent.has(message.id)) out.push(message);
  };

  const current = rules.currentMeeting(meetings, (m) => workingDaysBefore(m.date, settings.summaryWorkingDaysBefore));
  if (current !== null) {
    const slot = current.meeting.date;
    add({ kind: 'summary', id: messageId('summary', null, slot), actionId: null, ref: null, to: 'channel', slot, scheduledFor: current.at, meeting: slot });
  }

  const round = rules.currentMeeting(meetings, (m) => roundOpensOn(m.date, settings));
  for (const action of input.actions) {
    if (isClosed(action.status)) continue;
    const updated = history.updatedAt.get(action.id);
    const updatedAt = updated === undefined ? null : Date.parse(updated);
    if (action.due !== null) {
      add(rules.prompt(action, action.due));
      const overdue = rules.overdue(action, action.due, updatedAt, history.delivered);
      for (const message of overdue) add(message);
    }
    if (round !== null && !reportedSince(updatedAt, round.previous)) {
      const slot = round.meeting.date;
      add({ kind: 'round', id: messageId('round', action.id, slot), actionId: action.id, ref: action.ref, to: recipient(action), slot, scheduledFor: round.at, meeting: slot });
    }
  }
  return out;
}

/** The local date a meeting's update round opens: `roundOpensDaysBefore` days before it, or the working day before that. */
function roundOpensOn(meetingDate: string, settings: ChaseSettings): string {
  return workingDayOnOrBefore(addDays(meetingDate, -settings.roundOpensDaysBefore));
}

/** The instant (UTC) the update round for a meeting (a local date or date-time) opens: the summary's "not reported since". */
export function roundOpensAt(meeting: string, settings: ChaseSettings): string {
  const date = DateTime.fromISO(meeting, { zone: settings.timeZone }).toISODate();
  if (date === null) throw new DomainError('input-invalid', `Meeting "${meeting}" is not a local date or date-time; write e.g. "2017-07-19" or "2017-07-19T14:00".`);
  return localInstant(roundOpensOn(date, settings), settings.sendAt, settings.timeZone);
}

/** An update since the previous meeting; with no earlier meeting on record, any update. */
function reportedSince(updatedAt: number | null, previous: Meeting | null): boolean {
  if (updatedAt === null) return false;
  return previous === null || updatedAt > previous.start;
}

class Rules {
  private readonly nowMs: number;
  private readonly today: string;

  constructor(
    now: Date,
    private readonly settings: ChaseSettings,
  ) {
    this.nowMs = now.getTime();
    this.today = localTime(now, settings.timeZone).date;
  }

  /** Actions share due dates and meetings: each local date is turned into an instant once per call. */
  private readonly instants = new Map<string, { iso: string; ms: number }>();

  /** The slot instant of a local date: `sendAt` there, UTC ISO and milliseconds. */
  private at(date: string): { iso: string; ms: number } {
    let at = this.instants.get(date);
    if (at === undefined) {
      const iso = localInstant(date, this.settings.sendAt, this.settings.timeZone);
      at = { iso, ms: Date.parse(iso) };
      this.instants.set(date, at);
    }
    return at;
  }

  /**
   * The meeting whose slot (the local date `slotDate` gives) has come and
   * which has not started yet; the latest such slot when windows overlap.
   */
  currentMeeting(meetings: readonly Meeting[], slotDate: (m: Meeting) => string): { meeting: Meeting; previous: Meeting | null; at: string } | null {
    let found: { meeting: Meeting; previous: Meeting | null; at: string; ms: number } | null = null;
    for (const [i, meeting] of meetings.entries()) {
      if (meeting.start <= this.nowMs) continue;
      const at = this.at(slotDate(meeting));
      if (at.ms > this.nowMs || at.ms >= meeting.start) continue;
      if (found === null || at.ms > found.ms) found = { meeting, previous: meetings[i - 1] ?? null, at: at.iso, ms: at.ms };
    }
    return found;
  }

  /**
   * The latest prompt slot that has come, while the due date has not passed:
   * `n` days before the due date, or the working day before that when it is
   * not one. Two prompts that land on one day are one prompt, the nearer to
   * the due date.
   */
  prompt(action: ChasedAction, due: string): DueMessage | null {
    if (this.today > due) return null;
    let best: { n: number; iso: string; ms: number } | null = null;
    for (const n of this.settings.promptDaysBefore) {
      const at = this.at(workingDayOnOrBefore(addDays(due, -n)));
      if (at.ms > this.nowMs) continue;
      if (best === null || at.ms > best.ms || (at.ms === best.ms && n < best.n)) best = { n, ...at };
    }
    if (best === null) return null;
    const slot = `${due}-d${best.n}`;
    return { kind: 'prompt', id: messageId('prompt', action.id, slot), actionId: action.id, ref: action.ref, to: recipient(action), slot, scheduledFor: best.iso, due, daysBefore: best.n };
  }

  /**
   * Reminder k (from 1) is due `reminderEveryDays × (k − 1)` days after the
   * first working day after the due date, or the working day after that when
   * it is not one. Shifting forward never reaches the next reminder, as no run
   * of non-working days (4 at most: Easter, Christmas) is as long as the
   * interval (5 days at least): so the slots stay in order.
   */
  private reminderAt(first: string, k: number): { iso: string; ms: number } {
    return this.at(workingDayOnOrAfter(addDays(first, this.settings.reminderEveryDays * (k - 1))));
  }

  /** The latest reminder that has come, and the escalation it brings, for an open action past its due date. */
  overdue(action: ChasedAction, due: string, updatedAt: number | null, delivered: ReadonlySet<string> | undefined): DueMessage[] {
    const first = workingDayOnOrAfter(addDays(due, 1));
    const every = this.settings.reminderEveryDays;
    let latest = Math.floor(daysBetween(first, this.today) / every) + 1;
    while (latest >= 1 && this.reminderAt(first, latest).ms > this.nowMs) latest--;
    if (latest < 1) return [];
    const overdueDays = daysBetween(due, this.today);
    if (overdueDays > REMINDER_HORIZON_DAYS) return [];
    const reminderSlot = `${due}-r${latest}`;
    const at = this.reminderAt(first, latest).iso;
    const out: DueMessage[] = [
      { kind: 'reminder', id: messageId('reminder', action.id, reminderSlot), actionId: action.id, ref: action.ref, to: recipient(action), slot: reminderSlot, scheduledFor: at, due, reminder: latest, overdueDays },
    ];

    // An update after a reminder answers it and every reminder before it: the unanswered run starts at the first reminder not before the latest update.
    let runStart = 1;
    if (updatedAt !== null) {
      // Skip the reminders due a week or more before the update's day: no run of non-working days moves one that far.
      const updatedDay = localTime(new Date(updatedAt), this.settings.timeZone).date;
      runStart = Math.max(1, Math.floor((daysBetween(first, updatedDay) - 7) / every));
      while (runStart <= latest && this.reminderAt(first, runStart).ms < updatedAt) runStart++;
    }
    const after = this.settings.escalateAfterReminders;
    const unanswered = latest - runStart;
    if (unanswered < after) return out;
    // Every `after` unanswered reminders in the run bring one escalation, due with the reminder that follows them.
    const escalateAt = runStart + Math.floor(unanswered / after) * after;
    if (delivered !== undefined) {
      for (let k = escalateAt - after; k < escalateAt; k++) {
        if (!delivered.has(messageId('reminder', action.id, `${due}-r${k}`))) return out;
      }
    }
    const slotBase = `${due}-r${escalateAt}`;
    const scheduledFor = this.reminderAt(first, escalateAt).iso;
    for (const to of ['chair', 'channel'] as const) {
      const slot = `${slotBase}-${to}`;
      out.push({
        kind: 'escalation',
        id: messageId('escalation', action.id, slot),
        actionId: action.id,
        ref: action.ref,
        to,
        slot,
        scheduledFor,
        due,
        lead: action.lead,
        reminder: escalateAt,
        unansweredReminders: escalateAt - runStart,
        overdueDays,
      });
    }
    return out;
  }
}

/** A stored action as the rules see it; null for one a later plan version removed. */
export function chasedFromStored(action: StoredAction): ChasedAction | null {
  if (action.removedInVersion !== null) return null;
  return {
    id: action.id,
    ref: action.ref,
    lead: action.plan.lead,
    due: action.revisedDeadline ?? action.plan.deadline,
    status: action.latest?.status ?? action.plan.status,
  };
}

/** A plan file's action as the preview sees it: its ref is its id, its status the plan's. */
export function chasedFromPlan(action: PlanAction): ChasedAction {
  return { id: action.ref, ref: action.ref, lead: action.lead, due: action.deadline, status: action.status };
}

/**
 * The history the store holds: what was claimed and what was delivered (ids
 * as the store writes them, "sent:…"), and each action's latest update.
 */
export function historyFromStore(
  actions: readonly StoredAction[],
  claimedIds: Iterable<string>,
  deliveredIds: Iterable<string> | null = null,
): ChaseHistory {
  const bare = (id: string) => (id.startsWith('sent:') ? id.slice('sent:'.length) : id);
  const sent = new Set([...claimedIds].map(bare));
  const updatedAt = new Map<string, string>();
  for (const action of actions) {
    const at = lastReportedAt(action.latest);
    if (at !== null) updatedAt.set(action.id, at);
  }
  return { sent, updatedAt, ...(deliveredIds === null ? {} : { delivered: new Set([...deliveredIds].map(bare)) }) };
}
