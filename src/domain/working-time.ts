import { DateTime } from 'luxon';
import { isBankHoliday } from './bank-holidays.js';

/**
 * Working days and hours in a body's local time. Calendar dates are ISO
 * strings ("2017-09-30") in the body's zone; instants are UTC ISO strings.
 * Date arithmetic counts calendar days, so a clock change never shifts a
 * date; only turning a local date and clock time into an instant needs the
 * zone.
 */

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Monday to Friday, not an England and Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** `date` itself when it is a working day, else the working day before it. */
export function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** `date` itself when it is a working day, else the working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The `count`-th working day before `date` (not counting `date`); `date`'s own working day or the one before for 0. */
export function workingDaysBefore(date: string, count: number): string {
  let day = count === 0 ? workingDayOnOrBefore(date) : date;
  for (let i = 0; i < count; i++) day = workingDayOnOrBefore(addDays(day, -1));
  return day;
}

/** "09:00" → minutes after local midnight. */
export function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** The UTC instant of a local date and clock time ("09:00") in `zone`. */
export function localInstant(date: string, clock: string, zone: string): string {
  return DateTime.fromISO(`${date}T${clock}`, { zone }).toUTC().toISO({ suppressMilliseconds: true })!;
}

/** An instant as the rest of the record writes it: UTC, to the second ("2017-09-15T08:00:00Z"). */
export function isoInstant(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'UTC' }).toISO({ suppressMilliseconds: true })!;
}

/** The local date and minutes after local midnight of an instant in `zone`. */
export function localTime(instant: Date, zone: string): { date: string; minutes: number } {
  const local = DateTime.fromJSDate(instant, { zone });
  return { date: local.toISODate()!, minutes: local.hour * 60 + local.minute };
}

export type WorkingHours = { timeZone: string; workdayStart: string; workdayEnd: string };

/** On a working day, from the start of the working day up to (not including) its end, local time. */
export function isWorkingTime(instant: Date, hours: WorkingHours): boolean {
  const { date, minutes } = localTime(instant, hours.timeZone);
  return isWorkingDay(date) && minutes >= clockMinutes(hours.workdayStart) && minutes < clockMinutes(hours.workdayEnd);
}

/** `instant` itself in working time, else the start of the next working day (UTC ISO). */
export function nextWorkingMoment(instant: Date, hours: WorkingHours): string {
  if (isWorkingTime(instant, hours)) return isoInstant(instant);
  const { date, minutes } = localTime(instant, hours.timeZone);
  const today = isWorkingDay(date) && minutes < clockMinutes(hours.workdayStart);
  const day = today ? date : workingDayOnOrAfter(addDays(date, 1));
  return localInstant(day, hours.workdayStart, hours.timeZone);
}
