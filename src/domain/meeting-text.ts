import { DateTime } from 'luxon';
import { parseDay } from './deadline.js';

/**
 * A meeting as people write it: "15 January 2027 2pm", "Wednesday 15 Jan
 * 2027 at 2.30pm", "2027-03-10 14:00", "10/03/2027 14.00", "2pm on 15 Jan"
 * (no year: the next 15 January from today). Dates are read as the plan
 * reader reads a deadline's day (UK order: 10/03 is 10 March); the time may
 * come before or after it, 12- or 24-hour, or a range whose start is the
 * meeting ("14:00-16:00"); a venue may come before or after the meeting
 * ("Council Chamber, Tuesday 3 March 2026 2pm") and is set aside.
 */
export type DateStyle = 'words' | 'numeric' | 'iso';

export type MeetingReading =
  /**
   * A local date-time, `yyyy-LL-ddTHH:mm`. `yearAssumed`: no year was written, so the next such day was taken.
   * `aside`: what followed the meeting and was not read (a venue, "(Teams)"), to show the person.
   */
  | { kind: 'meeting'; local: string; style: DateStyle; yearAssumed: boolean; aside?: string }
  /** A day with no time: enough to remove a meeting, not to add one. */
  | { kind: 'day'; date: string; style: DateStyle; yearAssumed: boolean; aside?: string }
  /** A weekday written that the date is not ("Thursday 14 March 2027": a Sunday). */
  | { kind: 'weekday-wrong'; date: string; written: number; style: DateStyle }
  /**
   * Words after the meeting that change what it is, so it is not added:
   * `unsettled` ("cancelled", "TBC", "or"), `zone` (a time zone: times are the body's).
   */
  | { kind: 'aside-refused'; local: string; aside: string; why: 'unsettled' | 'zone'; word: string; style: DateStyle }
  | { kind: 'unreadable'; style: DateStyle };

/** Longer than any way of writing one meeting with its venue: a bound on what the reader looks at. */
export const MEETING_TEXT_MAX = 120;

const MERIDIEM = String.raw`(a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])`;
const TWELVE_HOUR = new RegExp(String.raw`(?<![\d./:])(\d{1,2})(?:[:.](\d{2}))?\s*${MERIDIEM}`, 'gi');
const TWENTY_FOUR_HOUR = /(?<![\d./:])([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s*(?:hrs|hours|h)\b)?(?![\d./:]|\s*(?:a\.?\s?m|p\.?\s?m))/gi;
const MILITARY = /(?<![\d./:-])([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)\b/gi;
const NOON = /\b(?:12\s*)?(?:noon|midday)\b/gi;
/** "to 4pm", "- 16:00", "until 4": the end of the meeting, which is not kept. */
const RANGE_END = /\s*(?:-|–|—|to|until|till)\s*$/i;
const WEEKDAY = /\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?,?/gi;
const FILLER = /^(?:on|at|the|from)\b|\b(?:on|at|the|from)$/gi;
const WEEKDAY_NUMBER: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
/**
 * What may follow a meeting and be set aside, from published meeting lists:
 * a venue ("Committee Room 1, Civic Centre", "Room 10 at St Helens Town
 * Hall"), how to join ("(Teams)", "– Virtual", "via Zoom") or a note
 * ("provisional", "subject to change"). Never another date, weekday or
 * month: that is a second meeting, or one moved, and stays unread.
 */
const MONTH = String.raw`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b`;
const DATE_IN_ASIDE = new RegExp(String.raw`\d{1,2}[/.-]\d{1,2}|${MONTH}|${WEEKDAY.source}`, 'i');
/** Words that say the meeting is not settled: not added until it is. */
const UNSETTLED = /\b(cancell?ed|postponed|tbc|tba|to be (?:confirmed|arranged|agreed|decided)|re-?scheduled|deferred|moved|if (?:required|needed|necessary))\b/i;
/** A time zone after the time: meeting times are the body's own, so one written in another zone is not guessed at. */
const ZONE_WORD = /\b(utc|gmt|bst|cet|cest|est|edt|pst|pdt)\b|[+-]\d{2}:?\d{2}\b/i;

/** `pm`: the time said pm (or noon), which a range's start without one may share. */
type TimeFound = { hour: number; minute: number; index: number; length: number; pm?: boolean };

function timesIn(text: string): TimeFound[] {
  const found: TimeFound[] = [];
  for (const m of text.matchAll(TWELVE_HOUR)) {
    const hour = Number(m[1]);
    const minute = Number(m[2] ?? '0');
    if (hour < 1 || hour > 12 || minute > 59) continue;
    const pm = m[3]!.toLowerCase().startsWith('p');
    found.push({ hour: (hour % 12) + (pm ? 12 : 0), minute, index: m.index, length: m[0].length, pm });
  }
  for (const pattern of [TWENTY_FOUR_HOUR, MILITARY]) {
    for (const m of text.matchAll(pattern)) found.push({ hour: Number(m[1]), minute: Number(m[2]), index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(NOON)) found.push({ hour: 12, minute: 0, index: m.index, length: m[0].length });
  return found.sort((a, b) => a.index - b.index);
}

export function dateStyleOf(text: string): DateStyle {
  if (/\b\d{4}-\d{1,2}-\d{1,2}\b/.test(text)) return 'iso';
  let dates = text;
  for (const t of timesIn(text).reverse()) dates = `${dates.slice(0, t.index)} ${dates.slice(t.index + t.length)}`;
  if (/\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/.test(dates)) return 'numeric';
  return 'words';
}

/** The day, with the year taken as the next one from `today` when none is written. */
function readDayPart(text: string, today: string): { date: string; yearAssumed: boolean } | null {
  const written = parseDay(text);
  if (written !== null) return { date: written, yearAssumed: false };
  if (/\d{4}/.test(text) || !/\d/.test(text)) return null;
  const year = Number(today.slice(0, 4));
  const numeric = /^\d{1,2}[/.-]\d{1,2}$/.test(text);
  for (const y of [year, year + 1]) {
    const date = parseDay(numeric ? `${text}/${y}` : `${text} ${y}`);
    if (date !== null && date >= today) return { date, yearAssumed: true };
  }
  return null;
}

/** Reads one meeting; `today` is the body's local date (the year of a day written without one). */
export function readMeetingText(text: string, today: string): MeetingReading {
  const clean = text.replace(/\s+/g, ' ').trim();
  const style = dateStyleOf(clean);
  if (clean === '' || clean.length > MEETING_TEXT_MAX) return { kind: 'unreadable', style };
  const times = timesIn(clean);
  // With no time, every word is before it: a venue may still come first ("Council Chamber, 3 March 2027").
  let before = clean;
  let after = '';
  let time: TimeFound | null = null;
  if (times.length > 0) {
    time = times[0]!;
    const end = times[1];
    // A second time is a range's end ("2pm-4pm", "14:00 to 16:00"), or a second meeting: unreadable.
    const between = end === undefined ? '' : clean.slice(time.index + time.length, end.index);
    if (end !== undefined && (times.length > 2 || !RANGE_END.test(between))) return { kind: 'unreadable', style };
    // "1.30 - 3.30pm" is 13:30 to 15:30: a range's start with no am or pm shares the end's pm when it is then still before the end.
    if (end?.pm === true && time.pm === undefined && time.hour < 12 && (time.hour + 12) * 60 + time.minute < end.hour * 60 + end.minute) time = { ...time, hour: time.hour + 12 };
    before = clean.slice(0, time.index);
    after = clean.slice(end === undefined ? time.index + time.length : end.index + end.length);
  }
  const found = dayAndAside(before, after, today);
  if (found === null) return { kind: 'unreadable', style };
  const { day, aside, weekday } = found;
  if (weekday !== null && DateTime.fromISO(day.date).weekday !== weekday) return { kind: 'weekday-wrong', date: day.date, written: weekday, style };
  const noted = aside === '' ? {} : { aside };
  if (time === null) return { kind: 'day', date: day.date, style, yearAssumed: day.yearAssumed, ...noted };
  const local = `${day.date}T${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
  const unsettled = UNSETTLED.exec(aside);
  if (unsettled !== null) return { kind: 'aside-refused', local, aside, why: 'unsettled', word: unsettled[1]!, style };
  const zone = ZONE_WORD.exec(aside);
  if (zone !== null) return { kind: 'aside-refused', local, aside, why: 'zone', word: zone[0], style };
  return { kind: 'meeting', local, style, yearAssumed: day.yearAssumed, ...noted };
}

const wordsOf = (text: string) => (text.trim() === '' ? [] : text.trim().split(' '));
const asideOf = (words: readonly string[]) => words.join(' ').replace(/^[\s,;:|–—-]+|[\s,;:|–—-]+$/g, '').replace(/^\(([^()]*)\)$/, '$1');

const NOT_A_VENUE = /\d\s*[:.]\s*\d|\d\s*[ap]\.?\s?m\b|\d\s*(?:hrs|hours)\b/i;

/** A word a written day can start with: a number, a weekday, a month, or "on"/"the" before one. */
const DAY_START = new RegExp(String.raw`^(?:\d|on$|the$|${WEEKDAY.source}|${MONTH})`, 'i');

/**
 * The day written around the time, and what is set aside: the longest run of
 * words that still reads as the day is the day; the words after it (a venue
 * after the time, or between the day and the time, as a table row pasted
 * reads: "27 January 2027 | Mortlake office | 1pm") are set aside, unless
 * they name a date (then nothing is read). So are words before the day, when
 * the list puts the venue first ("Council Chamber, Tuesday 3 March 2026
 * 2pm"): the day then starts at the first word that can start one.
 */
function dayAndAside(before: string, after: string, today: string): { day: { date: string; yearAssumed: boolean }; aside: string; weekday: number | null } | null {
  const head = wordsOf(before);
  const words = wordsOf(after);
  const starts = [0, ...head.map((word, i) => (i > 0 && DAY_START.test(word) ? i : -1)).filter((i) => i > 0)];
  for (const start of starts) {
    const venue = asideOf(head.slice(0, start));
    // A venue is words ("Council Chamber", "Room 10"); a time that could not be read ("25:00", "13pm") is no venue.
    if (start > 0 && (!/\p{L}{2}/u.test(venue) || NOT_A_VENUE.test(venue))) continue;
    for (let j = head.length; j >= Math.min(start + 1, head.length); j--) {
      for (let k = j < head.length ? 0 : words.length; k >= 0; k--) {
        const aside = [venue, asideOf(head.slice(j)), asideOf(words.slice(k))].filter((a) => a !== '').join(', ');
        const found = readDay(head.slice(start, j), words.slice(0, k), aside, today);
        if (found !== null) return found;
      }
    }
  }
  return null;
}

/** The day in `head` and `tail`, with any weekday written; `aside` is what was left out, refused when it names a date. */
function readDay(head: readonly string[], tail: readonly string[], aside: string, today: string): { day: { date: string; yearAssumed: boolean }; aside: string; weekday: number | null } | null {
  if (aside !== '' && DATE_IN_ASIDE.test(aside)) return null;
  const written = `${head.join(' ')} ${tail.join(' ')}`;
  const weekdays = new Set([...written.matchAll(WEEKDAY)].map((m) => WEEKDAY_NUMBER[m[0].slice(0, 3).toLowerCase()]!));
  if (weekdays.size > 1) return null;
  let rest = written.replace(WEEKDAY, ' ').replace(/[,;@|]/g, ' ').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) rest = rest.replace(FILLER, '').trim();
  const day = readDayPart(rest, today);
  return day === null ? null : { day, aside, weekday: weekdays.size === 1 ? [...weekdays][0]! : null };
}

/** A meeting written back in a style, as a person would type it: "15 January 2027 2pm", "15/01/2027 2pm", "2027-01-15 14:00". */
export function meetingInStyle(local: string, style: DateStyle): string {
  const at = DateTime.fromISO(local, { zone: 'utc' }).setLocale('en-GB');
  if (style === 'iso') return at.toFormat('yyyy-LL-dd HH:mm');
  const hour = at.hour % 12 === 0 ? 12 : at.hour % 12;
  const time = `${hour}${at.minute === 0 ? '' : `.${String(at.minute).padStart(2, '0')}`}${at.hour < 12 ? 'am' : 'pm'}`;
  return `${at.toFormat(style === 'numeric' ? 'dd/LL/yyyy' : 'd LLLL yyyy')} ${time}`;
}

/** A day written back in a style: "15 January 2027", "15/01/2027", "2027-01-15". */
export function dayInStyle(date: string, style: DateStyle): string {
  return meetingInStyle(`${date}T00:00`, style).replace(/ \S+$/, '');
}

/** An example for a message: four weeks from today at 2pm, so a person never sees a date from another year's plan. */
export function exampleMeeting(today: string, style: DateStyle): string {
  return meetingInStyle(`${exampleDay(today)}T14:00`, style);
}

/** Four weeks from today: the day examples name. */
export function exampleDay(today: string): string {
  return DateTime.fromISO(today, { zone: 'utc' }).plus({ weeks: 4 }).toISODate()!;
}

/**
 * The meetings in one typed line: separated by ";", new lines or commas, where
 * a comma may also sit inside one meeting ("Wednesday, 15 January 2027, 2pm"):
 * at each place the longest run of pieces that reads as a meeting is one.
 * A piece that reads as nothing stays whole, for the refusal to quote it.
 */
export function splitMeetingList(text: string, today: string): string[] {
  const meetings: string[] = [];
  for (const part of text.split(/[;\n]+/)) {
    const pieces = part.split(',').map((p) => p.trim()).filter((p) => p !== '');
    for (let i = 0; i < pieces.length; ) {
      let taken = 1;
      for (let j = Math.min(pieces.length, i + 4); j > i; j--) {
        if (readMeetingText(pieces.slice(i, j).join(', '), today).kind !== 'unreadable') {
          taken = j - i;
          break;
        }
      }
      meetings.push(pieces.slice(i, i + taken).join(', '));
      i += taken;
    }
  }
  return meetings;
}

/**
 * What `meetings …` asks for, from the words after it (typed in Teams, or
 * given to the CLI's `body meetings <id>`): nothing lists the meetings;
 * `add` adds the meetings named, `remove` (or `delete`, `cancel`) takes one
 * to come off. Dates with no verb are added: a typed list never replaces
 * the calendar. An `add` or `remove` naming nothing has `named` empty.
 */
export function readMeetingsCommand(typed: string): { verb: 'list' } | { verb: 'add' | 'remove'; named: string } {
  const text = typed.trim();
  if (text === '') return { verb: 'list' };
  const sub = /^(add|remove|delete|cancel)\b[\s,;]*([\s\S]*)$/i.exec(text);
  if (sub === null) return { verb: 'add', named: text };
  return { verb: sub[1]!.toLowerCase() === 'add' ? 'add' : 'remove', named: sub[2]!.trim() };
}
