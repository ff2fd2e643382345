import type { ChaseSettings } from './chase-settings.js';
import { addDays, daysBetween, workingDayOnOrAfter, workingDayOnOrBefore } from './working-time.js';

/**
 * What the scheduler's tick asks the store for, so that the store's work
 * grows with what is due rather than with every action held (issue 6).
 *
 * Every prompt and reminder lands on a slot: a local date at `sendAt`, and
 * goes out only in working time. A tick looks only for slots on "today": the
 * local date, in any zone from UTC−12 to UTC+14, on which `now` is within
 * working hours. That is one date for a working day shorter than 14 hours,
 * so the scan asks for the deadlines whose prompt or reminder slot falls on
 * it: about one overdue deadline in `reminderEveryDays`. The rules then decide
 * exactly, per body, in its own zone. Rounds and summaries hang on meetings:
 * the scan asks for bodies with a meeting soon. Records of messages already
 * claimed come back for the same window, and so do failed ones whose retry
 * time has come, whenever their slot was.
 */
export type DueScan = {
  /** UTC instant of the tick. */
  now: string;
  /** ISO dates: an open action whose deadline (or revised deadline) is one of these may have a prompt or reminder due. */
  deadlines: string[];
  /** Local dates: a body with a meeting on one of [meetingsFrom, meetingsTo] may have a round or summary due. */
  meetingsFrom: string;
  meetingsTo: string;
  /** UTC instant: records of messages scheduled from here on come back with the scan. */
  recordsFrom: string;
};

/** How far back an overdue action is still looked for: reminders stop after three years overdue. */
export const REMINDER_HORIZON_DAYS = 3 * 366;

/** Weekends and bank holidays move a slot by 4 days at most (Easter, Christmas). */
const MAX_SHIFT_DAYS = 5;

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

export function dueScan(now: Date, settings: ChaseSettings): DueScan {
  const days = localDatesInWorkingTime(now, settings);
  const today = new Set(days);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const deadlines = new Set<string>();

  for (const n of settings.promptDaysBefore) {
    for (let due = addDays(first, n); due <= addDays(last, n + MAX_SHIFT_DAYS); due = addDays(due, 1)) {
      if (today.has(workingDayOnOrBefore(addDays(due, -n)))) deadlines.add(due);
    }
  }

  const every = settings.reminderEveryDays;
  for (let back = 1; back <= REMINDER_HORIZON_DAYS; back++) {
    const due = addDays(last, -back);
    const start = workingDayOnOrAfter(addDays(due, 1));
    if (start > last) continue;
    const k = Math.floor(daysBetween(start, first) / every) + 1;
    for (const i of [k - 1, k, k + 1]) {
      if (i >= 1 && today.has(workingDayOnOrAfter(addDays(start, every * (i - 1))))) deadlines.add(due);
    }
  }

  // A round opens up to `roundOpensDaysBefore` days (and a weekend) before its meeting and stays current until it starts.
  const lookback = settings.roundOpensDaysBefore + MAX_SHIFT_DAYS + 2;
  return {
    now: now.toISOString(),
    deadlines: [...deadlines].sort(),
    meetingsFrom: first,
    meetingsTo: addDays(last, lookback),
    recordsFrom: `${addDays(first, -lookback)}T00:00:00.000Z`,
  };
}
