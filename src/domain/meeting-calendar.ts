import { DateTime } from 'luxon';
import { dateInWords } from './in-words.js';
import { dayInStyle, exampleDay, exampleMeeting, meetingInStyle, readMeetingText, type DateStyle } from './meeting-text.js';
import { truncate } from './truncate.js';

/**
 * The rules of a body's meeting calendar: a meeting is added only for a day
 * to come with no meeting on it already; a past meeting is the record of a
 * meeting held and is never removed or replaced. Pure: `now` is the body's
 * local date-time (`yyyy-LL-ddTHH:mm`).
 */

export type CalendarChange = { meetings: string[]; problems: string[] };

/** Text after a meeting that was not read (a venue, "(Teams)"), shown with the meeting it followed. */
export type SetAside = { meeting: string; aside: string };

const when = (local: string, zone: string) => dateInWords(local, { zone, weekday: true });

/** The body's meetings with each of `texts` added, or the problems (then nothing is added). */
export function addMeetings(
  existing: readonly string[],
  texts: readonly string[],
  input: { now: string; zone: string; bodyName: string },
): CalendarChange & { added: string[]; setAside: SetAside[] } {
  const today = input.now.slice(0, 10);
  const problems: string[] = [];
  const added: string[] = [];
  const setAside: SetAside[] = [];
  const example = (style: DateStyle) => `use a date to come, e.g. "${exampleMeeting(today, style)}"`;
  for (const text of texts) {
    const read = readMeetingText(text, today);
    if (read.kind === 'unreadable') {
      problems.push(`"${truncate(text)}" is not a meeting date and time I can read; ${example(read.style).replace('use a date to come', 'write it as')}`);
      continue;
    }
    if (read.kind === 'weekday-wrong') {
      problems.push(weekdayProblem(read.date, read.written, read.style));
      continue;
    }
    if (read.kind === 'day') {
      problems.push(`"${truncate(text)}" has no time; add it, e.g. "${meetingInStyle(`${read.date}T14:00`, read.style)}"`);
      continue;
    }
    if (read.kind === 'aside-refused') {
      problems.push(
        read.why === 'zone'
          ? `"${truncate(text)}" gives a time zone ("${read.word}"); meetings are in ${input.bodyName}'s zone, ${input.zone}: write the time as it is there, e.g. "${meetingInStyle(read.local, read.style)}"`
          : `"${truncate(text)}" says "${read.word}": add the meeting once it is settled, without the note`,
      );
      continue;
    }
    if (read.local <= input.now) {
      problems.push(`${when(read.local, input.zone)} is in the past (it is now ${when(input.now, input.zone)}); ${example(read.style)}`);
      continue;
    }
    const sameDay = [...existing, ...added].find((m) => m.slice(0, 10) === read.local.slice(0, 10));
    if (sameDay !== undefined) {
      problems.push(
        `${input.bodyName} already meets on ${when(sameDay, input.zone)}, one meeting a day; to move it, remove it first ("meetings remove ${dayInStyle(sameDay.slice(0, 10), read.style)}")`,
      );
      continue;
    }
    added.push(read.local);
    if (read.aside !== undefined) setAside.push({ meeting: read.local, aside: read.aside });
  }
  if (problems.length > 0) return { meetings: [...existing], added: [], setAside: [], problems };
  return { meetings: [...existing, ...added].sort(), added: added.sort(), setAside, problems };
}

/** What was set aside, one line each: the person sees that "(Teams)" or a venue was not kept. */
export function setAsideLines(setAside: readonly SetAside[], day: (m: string) => string): string[] {
  if (setAside.length === 0) return [];
  return ['Set aside (not kept with the meeting):', ...setAside.map((s) => `- ${day(s.meeting)}: "${s.aside}"`)];
}

/** The body's meetings without the one `text` names (a day, or a day and time), or why not. */
export function removeMeeting(existing: readonly string[], text: string, input: { now: string; zone: string; bodyName: string }): CalendarChange & { removed: string | null } {
  const today = input.now.slice(0, 10);
  const read = readMeetingText(text, today);
  const fail = (problem: string) => ({ meetings: [...existing], removed: null, problems: [problem] });
  if (read.kind === 'unreadable') return fail(`"${truncate(text)}" is not a date I can read; name the meeting's day, e.g. "meetings remove ${dayInStyle(nextDay(existing, input.now) ?? exampleDay(today), read.style)}"`);
  if (read.kind === 'weekday-wrong') return fail(weekdayProblem(read.date, read.written, read.style));
  const matches = existing.filter((m) => (read.kind === 'day' ? m.slice(0, 10) === read.date : m === read.local));
  const day = read.kind === 'day' ? read.date : read.local.slice(0, 10);
  if (matches.length === 0) {
    const upcoming = existing.filter((m) => m > input.now).map((m) => when(m, input.zone));
    return fail(`${input.bodyName} has no meeting on ${dateInWords(day)} to remove; ${upcoming.length === 0 ? 'it has no meetings to come' : `its meetings to come are ${upcoming.join('; ')}`}`);
  }
  if (matches.length > 1) return fail(`${input.bodyName} meets twice on ${dateInWords(day)}; name the time too, e.g. "meetings remove ${meetingInStyle(matches[0]!, read.style)}"`);
  const meeting = matches[0]!;
  if (meeting <= input.now) return fail(`${when(meeting, input.zone)} has been held: past meetings stay on the calendar as the record`);
  return { meetings: existing.filter((m) => m !== meeting), removed: meeting, problems: [] };
}

/** Meetings to come (soonest first) and the record of those held (latest first). */
export function splitMeetings(meetings: readonly string[], now: string): { upcoming: string[]; past: string[] } {
  const sorted = [...meetings].sort();
  return { upcoming: sorted.filter((m) => m > now), past: sorted.filter((m) => m <= now).reverse() };
}

/** "14 March 2027 is a Sunday, not a Thursday; the Thursdays either side are 11 March 2027 and 18 March 2027": both named, nothing guessed. */
export function weekdayProblem(date: string, written: number, style: DateStyle): string {
  const day = DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB');
  const name = (d: DateTime) => d.toFormat('cccc');
  const earlier = day.minus({ days: (day.weekday - written + 7) % 7 || 7 });
  const later = day.plus({ days: (written - day.weekday + 7) % 7 || 7 });
  const show = (d: DateTime) => dayInStyle(d.toISODate()!, style);
  return `${show(day)} is a ${name(day)}, not a ${name(later)}; check the date: the ${name(later)}s either side are ${show(earlier)} and ${show(later)}`;
}

function nextDay(existing: readonly string[], now: string): string | null {
  return existing.find((m) => m > now)?.slice(0, 10) ?? null;
}
