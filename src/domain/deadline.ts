import { DateTime } from 'luxon';
import type { SourceCell } from './source-row.js';

/**
 * How a plan's DEADLINE cell reads. Plans mostly give a month ("Sept 2016"),
 * which the committee reads as "by the end of that month"; sometimes a day, a
 * quarter or a year of the UK financial year ("Q3 2024/25", "2025/26");
 * sometimes a timescale that promises no date at all ("Ongoing", "every
 * quarter", "within 12 months", a code the plan's key defines).
 */
export type Deadline =
  | { kind: 'due'; due: string; text: string }
  | { kind: 'none'; text: '' }
  | {
      kind: 'open';
      text: string;
      /**
       * Why there is no date, when it is more than an open-ended word: a
       * repeating timescale, one relative to the plan's start, a code its key
       * defines, a date the work starts on ("Commence April 2009"), or
       * words that are not a timescale at all (`free-text`).
       */
      reading?: 'recurring' | 'relative' | 'coded' | 'start' | 'free-text';
    }
  | { kind: 'invalid'; text: string; hint: string };

const MONTHS: Record<string, number> = {
  jan: 1, january: 1,
  feb: 2, febuary: 2, february: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

/** Words plans use for "no fixed date": kept as text, given no due date. */
const OPEN_ENDED =
  /^(on-?\s?going|continuous|continual|tbc|tba|tbd|to be (confirmed|agreed|decided)|n\/?a|not applicable|as (and when )?(required|needed)|various|rolling|throughout( the)?( year)?|business as usual|bau|long-standing|permanent)$/i;

const PERIOD = '(?:day|week|fortnight|month|quarter|year|term|meeting|cycle|board|(?:financial |calendar )?year)';
const MONTH_NAMES = Object.keys(MONTHS).join('|');
/** "every quarter", "each May", "quarterly", "6 monthly", "twice a year", "annually in March". */
const RECURRING = new RegExp(
  [
    `^(?:ongoing[\\s,;–—-]*)?(?:every|each|per|once a|twice a|at each|at every)\\s+(?:other\\s+|\\w+\\s+)?(?:${PERIOD}s?|${MONTH_NAMES})\\b`,
    '^(?:bi-?|semi-?|six[\\s-]?|6[\\s-]?|three[\\s-]?|3[\\s-]?|twelve[\\s-]?)?(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|daily|fortnightly|termly)\\b',
    '^(?:twice|three times|four times)\\s+(?:a|per)\\s+(?:year|month|quarter)\\b',
    // "November annually", "April each year": a month that comes round every year.
    `^(?:${MONTH_NAMES})\\.?\\s+(?:annually|yearly|each year|every year)\\b`,
  ].join('|'),
  'i',
);
/** "within 12 months", "6 months", "by year 2", "first 100 days", "from launch", "Year 1". */
const RELATIVE = new RegExp(
  [
    '^(?:within|in|after|over|during|by|for)?\\s*(?:the\\s+)?(?:first|next|initial)?\\s*\\d+\\s*(?:-|to|–)?\\s*\\d*\\s*(?:days?|weeks?|months?|years?|yrs?|mths?)\\b',
    '^(?:by\\s+|in\\s+|during\\s+|end of\\s+)?(?:the\\s+)?year\\s*(?:\\d|one|two|three|four|five)\\b',
    '^(?:within|in|during|by|over)\\s+(?:the\\s+)?(?:first|next|life of|lifetime of|term of|course of)\\b',
    '^(?:next|this|following)\\s+(?:financial\\s+)?(?:year|quarter|month)\\b',
    '^(?:from|following|after|upon|on)\\s+(?:launch|approval|adoption|sign-?off|start|commencement|implementation)\\b',
  ].join('|'),
  'i',
);
/**
 * A start, not an end: "Commence April 2009", "From April 2009 onwards",
 * "Starting Q1 2025/26 – reported monthly" (Stockton's reducing re-offending
 * plan 2009 writes its timescales so). The work has no due date.
 */
const START = /^(?:commenc(?:e|es|ed|ing)|start(?:s|ed|ing)?|begin(?:s|ning)?|from)\s+(?:in\s+|on\s+)?/i;

/** Time frames a plan's key defines: "S", "M/L", "Short term", "Medium to long term", "ST". */
const CODED = /^(?:(?:s|m|l|st|mt|lt|short|medium|long|immediate)(?:[\s-]*term)?(?:\s*(?:\/|-|–|to|and)\s*(?:s|m|l|st|mt|lt|short|medium|long)(?:[\s-]*term)?)?)(?:\s*\(.*\))?$/i;

const MONTH_WORD = '([a-z]+)\\.?';
const YEAR = "'?(\\d+)";
const SEP = "[\\s,.\\-/]*";

const MONTH_YEAR = new RegExp(`^${MONTH_WORD}${SEP}${YEAR}$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-.]*${MONTH_WORD}${SEP}${YEAR}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}$`, 'i');
const NUMERIC_UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "2025/26", "2025-26", "2025/2026", "25/26", "FY 2025/26", "financial year 2025-26". */
const FINANCIAL_YEAR = /^(?:fy|financial year|f\/y|year end|year-end)?\s*(\d{2}|\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/i;
const QUARTER_WORDS: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, one: 1, two: 2, three: 3, four: 4, first: 1, second: 2, third: 3, fourth: 4 };
const QUARTER_NUMBER = '(1|2|3|4|one|two|three|four)';
/** "Q3 2024/25", "Q3 24/25", "Quarter 3 2024-25", "Qtr 3 FY24/25", "quarter one 2025/2026", "2024/25 Q3", "third quarter 2024/25". */
const QUARTER_FIRST = new RegExp(`^(?:q|qtr|quarter)\\s*${QUARTER_NUMBER}[\\s,(]*(?:of\\s+)?(?:fy\\s*)?(.*?)\\)?$`, 'i');
const QUARTER_ORDINAL = /^(first|second|third|fourth)\s+quarter[\s,(]*(?:of\s+)?(?:fy\s*)?(.*?)\)?$/i;
const QUARTER_LAST = new RegExp(`^(?:fy\\s*)?(\\d{2,4}\\s*[/\\-–]\\s*\\d{2,4})[\\s,]*(?:q|qtr|quarter)\\s*${QUARTER_NUMBER}$`, 'i');
/** "06/2025": a month and a year, as some exports write them. */
const MONTH_SLASH_YEAR = /^(\d{1,2})[/.-](\d{4})$/;
const BARE_YEAR = /^(\d{4})$/;
/** Excel's day count, when a date cell was exported or pasted as its number: 1970 to 2099. */
const EXCEL_SERIAL = /^(\d{5})(?:\.0+)?$/;
const EXCEL_SERIAL_RANGE = { min: 25_569, max: 73_050 };

/** Words before a date that do not change it: "by", "end of", "by the end of", "deadline:". */
const LEAD_IN =
  /^(?:(?:target|deadline|due|completion|complete|completed|timescale|date)(?:\s+date)?\s*[:\-–]?\s*)?(?:(?:by|before the end of|no later than|not later than|at|to|for|due)\s+)?(?:(?:the\s+)?(?:end|close)(?:\s+of)?\s+)?(?:the\s+)?/i;
/** "April 2024 – March 2025", "Jan to June 2025": the end of the window is the deadline. */
const RANGE = /\s+(?:-|–|—|to|until|till)\s+/i;
const REVISED = /\(\s*revised(?:\s+to)?\s*:?\s*([^)]+)\)\s*$/i;

const HINT = 'use e.g. "Sept 2016" or "30/09/2016"';
const QUARTER_HINT = 'use e.g. "Q3 2024/25" (quarters of the financial year from April) or "31/12/2024"';

function fullYear(digits: string): number | null {
  if (digits.length === 2) return 2000 + Number(digits);
  if (digits.length === 4) {
    const year = Number(digits);
    return year >= 1990 && year <= 2099 ? year : null;
  }
  return null;
}

function monthNumber(word: string): number | null {
  return MONTHS[word.toLowerCase()] ?? null;
}

function day(year: number, month: number, dayOfMonth: number): string | null {
  const date = DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: 'UTC' });
  return date.isValid ? date.toISODate() : null;
}

function endOfMonth(year: number, month: number): string {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' }).endOf('month').toISODate() as string;
}

/**
 * The year a UK financial year starts in, from "2025/26", "25/26" or
 * "2025/2026"; null when the two years are not consecutive.
 */
export function financialYearStart(first: string, second: string): number | null {
  const start = fullYear(first);
  if (start === null) return null;
  const end = second.length === 2 ? Math.floor(start / 100) * 100 + Number(second) + (Number(second) < start % 100 ? 100 : 0) : Number(second);
  return end === start + 1 ? start : null;
}

/** The last day of a quarter of the UK financial year that starts on 1 April of `startYear`. */
export function financialQuarterEnd(quarter: 1 | 2 | 3 | 4, startYear: number): string {
  const month = 3 + quarter * 3;
  return month > 12 ? endOfMonth(startYear + 1, month - 12) : endOfMonth(startYear, month);
}

/** The financial year ends on 31 March of its later year. */
export function financialYearEnd(startYear: number): string {
  return `${startYear + 1}-03-31`;
}

function due(iso: string | null, text: string, hint = HINT): Deadline {
  return iso === null ? { kind: 'invalid', text, hint } : { kind: 'due', due: iso, text };
}

/** Reads a deadline as written in a plan. Pure: the same text always gives the same date. */
export function parseDeadline(cell: SourceCell | undefined): Deadline {
  if (cell === undefined) return { kind: 'none', text: '' };
  if (typeof cell !== 'string') {
    if (cell.kind === 'date') return dateCellDeadline(cell);
    return { kind: 'invalid', text: `=${cell.formula}`, hint: 'replace the formula with its value' };
  }
  const text = cell.replace(/\s+/g, ' ').trim();
  // An exported table keeps the plan's deadline and shows a revision beside it: the revision is due.
  const revision = REVISED.exec(text);
  if (revision) {
    const revised = parseDeadline(revision[1]!);
    return revised.kind === 'due' ? { ...revised, text } : { kind: 'invalid', text, hint: HINT };
  }
  // Word and Excel curl the apostrophe of a short year ("Sep ‘19"); the text is kept as written.
  const bare = text.replace(/[‘’′]/g, "'").replace(/[.;:]+$/, '').trim();
  if (bare === '') return { kind: 'none', text: '' };
  return readDeadlineText(bare, text);
}

/**
 * A date cell is due on its date, unless it shows only a month ("Sep 2016",
 * as a person typing "Sep 2016" into Excel gets, stored as the 1st): a
 * month in a plan is due on its last day, whichever way it was typed.
 */
function dateCellDeadline(cell: { iso: string; shown?: string | undefined; month?: true | undefined }): Deadline {
  if (cell.shown !== undefined) {
    const read = parseDeadline(cell.shown);
    if (read.kind === 'due' && read.due.slice(0, 7) === cell.iso.slice(0, 7)) return { kind: 'due', due: read.due, text: read.text };
  }
  const [year, month] = cell.iso.split('-').map(Number);
  return { kind: 'due', due: cell.month ? endOfMonth(year!, month!) : cell.iso, text: cell.iso };
}

function readDeadlineText(bare: string, text: string): Deadline {
  const timescale = readTimescale(bare, text);
  if (timescale) return timescale;
  // Every date form has a digit; prose (the cells most often tried as a deadline) is settled here, quickly.
  if (!/\d/.test(bare)) {
    const month = monthNumber(bare.replace(LEAD_IN, '').replace(/\.$/, ''));
    if (month !== null) return { kind: 'invalid', text, hint: `add the year, e.g. "${bare} 2018"` };
    return looksLikeMistypedDate(bare) ? { kind: 'invalid', text, hint: HINT } : { kind: 'open', text, reading: 'free-text' };
  }
  const whole = readDate(bare.replace(LEAD_IN, ''), text);
  if (whole) return whole;
  const range = readRangeEnd(bare, text);
  if (range) return range;
  const leading = readLeadingDate(bare, text) ?? readNamedStep(bare, text);
  if (leading) return leading;
  const monthOnly = monthNumber(bare.replace(LEAD_IN, '').replace(/\.$/, ''));
  if (monthOnly !== null) return { kind: 'invalid', text, hint: `add the year, e.g. "${bare} 2018"` };
  if (looksLikeMistypedDate(bare)) return { kind: 'invalid', text, hint: /\bq(?:tr|uarter)?\s*\d/i.test(bare) ? QUARTER_HINT : HINT };
  return { kind: 'open', text, reading: 'free-text' };
}

function readTimescale(bare: string, text: string): Deadline | null {
  if (OPEN_ENDED.test(bare)) return { kind: 'open', text };
  const start = START.exec(bare);
  if (start && startsWithDate(bare.slice(start[0].length))) return { kind: 'open', text, reading: 'start' };
  if (RECURRING.test(bare)) return { kind: 'open', text, reading: 'recurring' };
  if (RELATIVE.test(bare)) return { kind: 'open', text, reading: 'relative' };
  if (CODED.test(bare)) return { kind: 'open', text, reading: 'coded' };
  // "Ongoing – reviewed quarterly": an open-ended word with a note after it.
  if (/^(on-?\s?going|continuous|rolling|tbc)\b[\s,;:–—-]/i.test(bare) && readLeadingDate(bare, text) === null) {
    return { kind: 'open', text };
  }
  return null;
}

/** The date in a cell that holds nothing else (after "by", "end of" and the like). */
function readDate(s: string, text: string): Deadline | null {
  return readCalendarDate(s, text) ?? readFinancialPeriod(s, text) ?? readNumberDate(s, text) ?? readLooseDate(s, text);
}

/**
 * Seasons, school terms, parts of a year or month, a week and a compact
 * month range, as UK plans write timescales ("Autumn 2025", "Spring term
 * 2026", "Winter 2025/26", "early 2026", "mid-March 2026", "w/c 6 Jan 2026",
 * "Jan-Mar 2026"). Each is due at the end of the span it names, since the
 * committee reads "Autumn 2025" as "by the end of autumn". A season that
 * spans two years without saying which ("Winter 2025") is kept as written.
 */
const SEASON_ENDS: Record<string, number> = { spring: 5, summer: 8, autumn: 11, fall: 11 };
/** School terms end at Christmas, at Easter (March or April) and in July. */
const TERM_ENDS: Record<string, number> = { autumn: 12, spring: 4, summer: 7 };
const SEASON = /^(early|mid|late)?[\s-]*(spring|summer|autumn|fall|winter)(\s+term)?[\s,]+(\d{4}|'?\d{2})(?:\s*[/\-–]\s*(\d{4}|\d{2}))?$/i;
const PART_OF_YEAR = /^(early|mid|late)[\s-]+(\d{4})$/i;
const PART_OF_MONTH = new RegExp(`^(early|mid|late)[\\s-]+${MONTH_WORD}${SEP}${YEAR}$`, 'i');
/** "w/c 6 Jan 2026", "week commencing 6 January 2026", "w/b 6/1/26", "w/e 9 Jan 2026" (week ending). */
const WEEK = /^(?:w\/?c|w\/?b|wc|wb|week\s+(?:commencing|beginning|starting)|(w\/?e|we|week\s+ending))\.?\s+(.+)$/i;
const MONTH_SPAN = new RegExp(`^${MONTH_WORD}\\s*[-–/]\\s*${MONTH_WORD}${SEP}${YEAR}$`, 'i');

function readLooseDate(s: string, text: string): Deadline | null {
  let m = SEASON.exec(s);
  if (m) {
    const [, part, season, term, first, second] = m;
    const year = fullYear(first!.replace("'", ''));
    if (year === null) return null;
    const name = season!.toLowerCase();
    if (name === 'winter') {
      // Winter runs December to February: a single year does not say which winter.
      const start = second === undefined ? null : financialYearStart(first!.replace("'", ''), second);
      return start === null ? { kind: 'open', text, reading: 'free-text' } : { kind: 'due', due: endOfMonth(start + 1, term ? 4 : 2), text };
    }
    if (second !== undefined) return null;
    const end = term ? TERM_ENDS[name]! : SEASON_ENDS[name]!;
    // Early and mid seasons end a month or two sooner; a term keeps its end.
    const shift = term ? 0 : { early: 2, mid: 1, late: 0 }[(part ?? 'late').toLowerCase() as 'early' | 'mid' | 'late'];
    return { kind: 'due', due: endOfMonth(year, end - shift), text };
  }
  m = PART_OF_YEAR.exec(s);
  if (m) {
    const year = fullYear(m[2]!);
    const month = { early: 4, mid: 8, late: 12 }[m[1]!.toLowerCase() as 'early' | 'mid' | 'late'];
    return year === null ? null : { kind: 'due', due: endOfMonth(year, month), text };
  }
  m = PART_OF_MONTH.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    const year = fullYear(m[3]!);
    if (month === null || year === null) return null;
    const dayOfMonth = { early: 10, mid: 20 }[m[1]!.toLowerCase() as 'early' | 'mid'];
    return { kind: 'due', due: dayOfMonth === undefined ? endOfMonth(year, month) : day(year, month, dayOfMonth)!, text };
  }
  m = WEEK.exec(s);
  if (m) {
    const date = readCalendarDate(m[2]!.trim(), text);
    if (date?.kind !== 'due' || !/\d{1,2}\D+\d|\d{1,2}\s+[a-z]/i.test(m[2]!)) return date?.kind === 'invalid' ? date : null;
    // A week commencing Monday is done by its Friday; a week ending is due on the day it names.
    return m[1] !== undefined ? date : { kind: 'due', due: DateTime.fromISO(date.due, { zone: 'UTC' }).plus({ days: 4 }).toISODate()!, text };
  }
  m = MONTH_SPAN.exec(s);
  if (m) {
    const [from, to, year] = [monthNumber(m[1]!), monthNumber(m[2]!), fullYear(m[3]!)];
    return from === null || to === null || year === null ? null : { kind: 'due', due: endOfMonth(year, to), text };
  }
  return null;
}

function readCalendarDate(s: string, text: string): Deadline | null {
  let m = MONTH_YEAR.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    const year = fullYear(m[2]!);
    if (month !== null && year !== null) return { kind: 'due', due: endOfMonth(year, month), text };
    if (month !== null) return { kind: 'invalid', text, hint: HINT };
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    const year = fullYear(m[3]!);
    if (month !== null) return due(year !== null ? day(year, month, Number(m[1])) : null, text);
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    const year = fullYear(m[3]!);
    if (month !== null) return due(year !== null ? day(year, month, Number(m[2])) : null, text);
  }
  m = NUMERIC_UK.exec(s);
  if (m) {
    const year = fullYear(m[3]!);
    return due(year !== null ? day(year, Number(m[2]), Number(m[1])) : null, text);
  }
  m = ISO.exec(s);
  if (m) return due(day(Number(m[1]), Number(m[2]), Number(m[3])), text);
  return null;
}

function readFinancialPeriod(s: string, text: string): Deadline | null {
  let m = QUARTER_FIRST.exec(s) ?? QUARTER_ORDINAL.exec(s);
  let quarterWord: string | undefined;
  let yearText: string | undefined;
  if (m) {
    quarterWord = m[1];
    yearText = m[2];
  } else if ((m = QUARTER_LAST.exec(s))) {
    yearText = m[1];
    quarterWord = m[2];
  }
  if (quarterWord !== undefined && yearText !== undefined) {
    const quarter = QUARTER_WORDS[quarterWord.toLowerCase()] as 1 | 2 | 3 | 4;
    const years = /^(?:fy\s*)?(\d{2}|\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$/i.exec(yearText.trim());
    const start = years ? financialYearStart(years[1]!, years[2]!) : null;
    if (start !== null) return { kind: 'due', due: financialQuarterEnd(quarter, start), text };
    // "Q3" or "Q3 2024": the calendar and the financial year disagree about which quarter that is.
    return yearText.trim() === '' || /^\d{4}$/.test(yearText.trim())
      ? { kind: 'open', text, reading: 'coded' }
      : { kind: 'invalid', text, hint: QUARTER_HINT };
  }
  m = FINANCIAL_YEAR.exec(s);
  if (m) {
    const start = financialYearStart(m[1]!, m[2]!);
    if (start !== null) return { kind: 'due', due: financialYearEnd(start), text };
    const last = financialSpanEnd(m[1]!, m[2]!);
    if (last !== null) return { kind: 'due', due: financialYearEnd(last), text };
  }
  return null;
}

/**
 * The start of the last financial year of a span of them written the way a
 * single one is ("2017-20" in East Ayrshire's SOA improvement plan 2017,
 * beside "2017/18" in the next row): a plan's years run April to March, so
 * the span ends on 31 March of its later year. Null unless the later year,
 * written with two digits, comes 2 to 10 years after the first.
 */
export function financialSpanEnd(first: string, second: string): number | null {
  const start = fullYear(first);
  if (start === null || second.length !== 2) return null;
  const end = Math.floor(start / 100) * 100 + Number(second) + (Number(second) < start % 100 ? 100 : 0);
  return end - start >= 2 && end - start <= 10 ? end - 1 : null;
}

function readNumberDate(s: string, text: string): Deadline | null {
  let m = MONTH_SLASH_YEAR.exec(s);
  if (m) {
    const month = Number(m[1]);
    const year = fullYear(m[2]!);
    return due(month >= 1 && month <= 12 && year !== null ? endOfMonth(year, month) : null, text);
  }
  m = BARE_YEAR.exec(s);
  if (m) {
    const year = fullYear(m[1]!);
    return due(year !== null ? `${year}-12-31` : null, text);
  }
  m = EXCEL_SERIAL.exec(s);
  if (m) {
    const serial = Number(m[1]);
    if (serial < EXCEL_SERIAL_RANGE.min || serial > EXCEL_SERIAL_RANGE.max) return { kind: 'invalid', text, hint: HINT };
    // Excel counts days from 30 December 1899 (its 1900 leap-year bug makes that day 0 for every later date).
    return { kind: 'due', due: DateTime.fromISO('1899-12-30', { zone: 'UTC' }).plus({ days: serial }).toISODate()!, text };
  }
  return null;
}

function readRangeEnd(bare: string, text: string): Deadline | null {
  const parts = bare.split(RANGE);
  if (parts.length !== 2) return null;
  const end = readDate(parts[1]!.replace(LEAD_IN, ''), text);
  if (end?.kind !== 'due') return null;
  // "April – June 2025": the start may leave its year to the end.
  const start = parts[0]!.replace(LEAD_IN, '');
  const startRead = readDate(start, text);
  return startRead?.kind === 'invalid' ? startRead : monthNumber(start) !== null || startRead?.kind === 'due' ? end : null;
}

/**
 * A timescale that needs the plan's year, in a plan for the financial year
 * starting in `startYear`: a month alone ("December", "by end of March":
 * April to December fall in that year, January to March in the next), a
 * quarter alone ("Q3", "End of Q2") and the year's end ("By the end of the
 * year", "Year end"). Null when the text is none of these.
 */
export function dueInPlanYear(text: string, startYear: number): Deadline | null {
  const bare = text.replace(/[‘’′]/g, "'").replace(/[.;:]+$/, '').trim().replace(LEAD_IN, '').replace(/\.$/, '');
  const month = monthNumber(bare);
  if (month !== null) return { kind: 'due', due: endOfMonth(month >= 4 ? startYear : startYear + 1, month), text };
  const quarter = /^(?:q|qtr|quarter)\s*([1-4])$/i.exec(bare);
  if (quarter) return { kind: 'due', due: financialQuarterEnd(Number(quarter[1]) as 1 | 2 | 3 | 4, startYear), text };
  if (/^(?:(?:financial\s+)?year(?:\s*-?\s*end)?|year's end)$/i.test(bare)) return { kind: 'due', due: financialYearEnd(startYear), text };
  return null;
}

/** "1 June 2025 then ongoing", "March 2026 (subject to funding)": the date at the start, the words kept. */
function readLeadingDate(bare: string, text: string): Deadline | null {
  const words = bare.split(' ');
  for (let k = Math.min(words.length - 1, 6); k >= 1; k--) {
    const rest = words.slice(k).join(' ');
    if (!/^[\p{L}(–—,;:-]/u.test(rest)) continue;
    const head = words.slice(0, k).join(' ').replace(/[,;:–—-]+$/, '').trim();
    const read = readDate(head.replace(LEAD_IN, ''), text);
    if (read?.kind === 'due') return read;
  }
  return null;
}

/** Words before a date that make it a start, a condition or a cycle, not the step's due date. */
const NOT_A_STEP = /^(?:since|after|following|post|pre|every|each|per|from|commence|start|starting|begin|beginning|ongoing|circa|approx|approximately)$/i;

/**
 * A step named by one word before its date ("Draft September 2007 And annual
 * thereafter", Petersfield Tomorrow's action plan 2007-08; "Review March
 * 2025"): the step is due on that date, and the words are kept.
 */
function readNamedStep(bare: string, text: string): Deadline | null {
  const m = /^(\p{L}+)\s+(.+)$/u.exec(bare);
  if (!m || NOT_A_STEP.test(m[1]!) || monthNumber(m[1]!) !== null) return null;
  // The date names its month or day ("September 2007", "30/09/2007"): "Smarch 2018" is a mistyped month, not a step.
  const date = m[2]!;
  if (monthNumber(date.split(' ')[0]!.replace(/[,.]$/, '')) === null && !/^\d{1,2}(?:st|nd|rd|th)?[\s/.-]/.test(date)) return null;
  const read = readDate(date, text) ?? readLeadingDate(date, text);
  return read?.kind === 'due' ? read : null;
}

function startsWithDate(rest: string): boolean {
  return readDate(rest, rest)?.kind === 'due' || readLeadingDate(rest, rest)?.kind === 'due';
}

/** Words that put a date in a sentence: "in place by April 2012", "across financial year 2012/13", "received in June/July 2012". */
const DATE_CUE = /^(?:by|in|during|across|before|until|for|of|end|within|\/)$/i;

/**
 * The due date of a timescale written as a sentence around its dates
 * ("Strategy agreed and in place by April 2012"; "Evaluation to be received
 * in June/July 2012. Review completed by September 2012", as Slough's
 * safeguarding business plan 2012 writes them): the latest date a cue word
 * introduces, since the action is done when its last step is. Only dates
 * that name a month or a financial period count: a bare number in prose is
 * a count more often than a year.
 */
export function readDateInProse(text: string): Deadline | null {
  const words = text.replace(/(\p{L})\/(\p{L})/gu, '$1 / $2').replace(/[.;,()]+(?=\s|$)/g, ' ').split(/\s+/).filter((w) => w !== '');
  let latest: string | null = null;
  for (let i = 1; i < words.length; i++) {
    if (!DATE_CUE.test(words[i - 1]!) && !/^(?:year|fy)$/i.test(words[i - 1]!)) continue;
    for (let k = Math.min(4, words.length - i); k >= 1; k--) {
      const phrase = words.slice(i, i + k).join(' ');
      if (!/\p{L}/u.test(phrase) && !/^\d{4}\s*[/\-–]\s*\d{2,4}$/.test(phrase)) continue;
      const read = readCalendarDate(phrase, text) ?? readFinancialPeriod(phrase, text);
      if (read?.kind !== 'due') continue;
      if (latest === null || read.due > latest) latest = read.due;
      break;
    }
  }
  return latest === null ? null : { kind: 'due', due: latest, text };
}

/** A date with a slip in it ("Sept 20166", "31/02/2018", "Smarch 2018"): an error to fix, not a timescale. */
function looksLikeMistypedDate(bare: string): boolean {
  if (bare.length > 30) return false;
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d+$/.test(bare)) return true;
  if (/\b\d{5,}\b/.test(bare) || /^q(?:tr|uarter)?\s*\d/i.test(bare)) return true;
  const words = bare.split(/[\s,.\-/']+/);
  if (words.some((w) => monthNumber(w) !== null)) return true;
  return /\b(19|20)\d{2}\b/.test(bare) && words.length <= 3;
}

/**
 * True when a cell reads as an attempt at a deadline, even a mistyped one
 * ("Sept 20166"): used to tell which column a shifted cell belongs to.
 */
export function looksLikeDeadline(text: string): boolean {
  const parsed = parseDeadline(text);
  if (parsed.kind === 'due') return true;
  if (parsed.kind === 'open') return parsed.reading !== 'free-text';
  if (parsed.kind === 'none') return false;
  const bare = text.trim();
  if (bare.length > 25) return false;
  return /^\d{1,2}[/.-]\d{1,2}[/.-]\d+$/.test(bare) || bare.split(/[\s,.\-/']+/).some((w) => monthNumber(w) !== null);
}

/** True when the deadline is a date or a timescale a plan would write, not words that say something else. */
export function isDeadlineReading(deadline: Deadline): boolean {
  return deadline.kind === 'due' || (deadline.kind === 'open' && deadline.reading !== 'free-text');
}

/**
 * One day as people write it ("15 January 2027", "Wed 15 Jan 2027",
 * "15/01/2027", "2027-01-15"), as an ISO date; null when the text is not a
 * day (a month, a quarter, "31/02/2027"). A month is a deadline, never a day.
 */
export function parseDay(text: string): string | null {
  const s = text.replace(/\s+/g, ' ').trim();
  if (MONTH_YEAR.test(s)) return null;
  const read = readCalendarDate(s, s);
  return read?.kind === 'due' ? read.due : null;
}
