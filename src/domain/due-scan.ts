import type { ChaseSettings } from './chase-settings.js';
import { REMINDER_HORIZON_DAYS } from './due-messages.js';
import { addDays, daysBetween, localTime, workingDayOnOrAfter, workingDayOnOrBefore } from './working-time.js';

/**
 * What the scheduler's tick asks the store for, so that the store's work
 * grows with what is due rather than with every action held (issue 6).
 *
 * Every prompt and reminder lands on a slot: a local date at `sendAt`, and
 * goes out only in working time. A tick looks for slots on the dates it is
 * answerable for: "today" (the local date, in any zone from UTC−12 to
 * UTC+14, on which `now` is within working hours), and after a gap every
 * date since the last tick ran (see `catchUpFrom`). Ticking every minute,
 * that is one date, so the scan asks for the deadlines whose prompt or
 * reminder slot falls on it: about one overdue deadline in
 * `reminderEveryDays`. The rules then decide exactly, per body, in its own
 * zone, and send only the latest slot of each kind. Rounds and summaries hang
 * on meetings: the scan asks for bodies with a meeting soon. Records of
 * messages already claimed come back for the window the rules look back over
 * (a round's lookback, and the reminders an escalation counts), and so do
 * failed ones whose retry time has come, whenever their slot was.
 */
export type DueScan = {
  /** UTC instant of the tick. */
  now: string;
  /** ISO dates: an open action whose deadline (or revised deadline) is one of these may have a prompt or reminder due on a date the tick answers for. */
  deadlines: string[];
  /** Local dates: a body with a meeting on one of [meetingsFrom, meetingsTo] may have a round or summary due. */
  meetingsFrom: string;
  meetingsTo: string;
  /** UTC instant: records of messages scheduled from here on come back with the scan. */
  recordsFrom: string;
};


/** Weekends and bank holidays move a slot by 4 days at most (Easter, Christmas). */
const MAX_SHIFT_DAYS = 5;

/**
 * How far back a tick after a gap looks for slots it missed: the longest
 * stretch between two slots of one kind for one action (and a weekend's
 * shift). Any older slot has a later one of its kind, which the rules send
 * instead, or belongs to a deadline that has passed.
 */
export function catchUpDays(settings: ChaseSettings): number {
  const prompts = [...settings.promptDaysBefore].sort((a, b) => b - a);
  const gaps = prompts.map((n, i) => n - (prompts[i + 1] ?? 0));
  return Math.max(settings.reminderEveryDays, ...gaps) + MAX_SHIFT_DAYS;
}

/**
 * The first local date (in `zone`) whose slots a tick at `now` may still
 * send for the first time. Ticking steadily, today: a slot is sent on its
 * day, by the first tick in working time. After a gap, the date of the last
 * tick, so the slots the gap skipped still go out (the rules give only the
 * latest of each kind), but never more than `catchUpDays` back. With no
 * tick on record (a new installation), today: nothing from before it ran.
 */
export function catchUpFrom(now: Date, lastTick: Date | null, settings: ChaseSettings, zone: string = settings.timeZone): string {
  const today = localTime(now, zone).date;
  if (lastTick === null || lastTick.getTime() >= now.getTime()) return today;
  const last = localTime(lastTick, zone).date;
  const limit = addDays(today, -catchUpDays(settings));
  return last < limit ? limit : last;
}

const HOUR = 3_600_000;

/** The local dates `now` can fall on within working hours, in some zone from UTC−12 to UTC+14. */
function localDatesInWorkingTime(now: Date, settings: ChaseSettings): string[] {
  const utc = now.toISOString().slice(0, 10);
  const dates: string[] = [];
  for (let d = addDays(utc, -1); d <= addDays(utc, 1); d = addDays(d, 1)) {
    const opens = Date.parse(`${d}T${settings.workdayStart}:00Z`) - 14 * HOUR;
    const closes = Date.parse(`${d}T${settings.workdayEnd}:00Z`) + 12 * HOUR;
    if (opens <= now.getTime() && now.getTime() < closes) dates.push(d);
  }
  return dates;
}

/**
 * The scan for a tick at `now`; `lastTick` is when the last tick ran (null:
 * none on record). With several settings (bodies with their own), the scan
 * that finds what any of them calls due.
 */
export function dueScan(now: Date, settings: ChaseSettings | readonly ChaseSettings[], lastTick: Date | null = null): DueScan {
  const each = (Array.isArray(settings) ? settings : [settings]) as readonly ChaseSettings[];
  const scans = each.map((s) => scanFor(now, s, lastTick));
  const min = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));
  const max = (values: string[]) => values.reduce((a, b) => (b > a ? b : a));
  return {
    now: now.toISOString(),
    deadlines: [...new Set(scans.flatMap((s) => s.deadlines))].sort(),
    meetingsFrom: min(scans.map((s) => s.meetingsFrom)),
    meetingsTo: max(scans.map((s) => s.meetingsTo)),
    recordsFrom: min(scans.map((s) => s.recordsFrom)),
  };
}

function scanFor(now: Date, settings: ChaseSettings, lastTick: Date | null): DueScan {
  const todays = localDatesInWorkingTime(now, settings);
  const last = todays[todays.length - 1]!;
  // After a gap, every date since the last tick in any zone: a day before the UTC date covers zones up to UTC+14.
  const caughtUp = lastTick === null ? todays[0]! : addDays(catchUpFrom(now, lastTick, settings, 'UTC'), -1);
  const first = caughtUp < todays[0]! ? caughtUp : todays[0]!;
  const dates = new Set<string>();
  for (let d = first; d <= last; d = addDays(d, 1)) dates.add(d);
  const deadlines = new Set<string>();

  for (const n of settings.promptDaysBefore) {
    for (let due = addDays(first, n); due <= addDays(last, n + MAX_SHIFT_DAYS); due = addDays(due, 1)) {
      if (dates.has(workingDayOnOrBefore(addDays(due, -n)))) deadlines.add(due);
    }
  }

  const every = settings.reminderEveryDays;
  for (let back = 1; back <= REMINDER_HORIZON_DAYS; back++) {
    const due = addDays(last, -back);
    const start = workingDayOnOrAfter(addDays(due, 1));
    if (start > last) continue;
    const from = Math.floor(daysBetween(start, first) / every);
    const to = Math.floor(daysBetween(start, last) / every) + 2;
    for (let i = Math.max(1, from); i <= to; i++) {
      if (dates.has(workingDayOnOrAfter(addDays(start, every * (i - 1))))) {
        deadlines.add(due);
        break;
      }
    }
  }

  // A round opens up to `roundOpensDaysBefore` days (and a weekend) before its meeting and stays current until it starts;
  // an escalation counts the reminders of the last `escalateAfterReminders` slots.
  const lookback = Math.max(settings.roundOpensDaysBefore, settings.escalateAfterReminders * every) + MAX_SHIFT_DAYS + 2;
  return {
    now: now.toISOString(),
    deadlines: [...deadlines].sort(),
    meetingsFrom: todays[0]!,
    meetingsTo: addDays(last, lookback),
    recordsFrom: `${addDays(first, -lookback)}T00:00:00.000Z`,
  };
}
