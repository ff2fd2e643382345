import { DateTime } from 'luxon';
import type { SourceCell } from './source-row.js';

/**
 * How a plan's DEADLINE cell reads. Plans mostly give a month ("Sept 2016"),
 * which the committee reads as "by the end of that month"; sometimes a day;
 * sometimes a word such as "Ongoing" that promises no date at all.
 */
export type Deadline =
  | { kind: 'due'; due: string; text: string }
  | { kind: 'none'; text: '' }
  | { kind: 'open'; text: string }
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
  /^(on-?\s?going|continuous|continual|tbc|tba|tbd|to be (confirmed|agreed|decided)|n\/?a|not applicable|annual(ly)?|quarterly|monthly|weekly|as (and when )?(required|needed)|various|rolling|throughout( the)? year|each (meeting|quarter|year)|every (meeting|quarter|year))$/i;

const MONTH_WORD = '([a-z]+)\\.?';
const YEAR = "'?(\\d+)";
const SEP = "[\\s,.\\-/]*";

const MONTH_YEAR = new RegExp(`^(?:(?:end of|end|by|by end of|by the end of|due)\\s+)?${MONTH_WORD}${SEP}${YEAR}$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\-.]*${MONTH_WORD}${SEP}${YEAR}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}$`, 'i');
const NUMERIC_UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const HINT = 'use e.g. "Sept 2016" or "30/09/2016"';
const REVISED = /\(\s*revised(?:\s+to)?\s*:?\s*([^)]+)\)\s*$/i;

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

function due(iso: string | null, text: string): Deadline {
  return iso === null ? { kind: 'invalid', text, hint: HINT } : { kind: 'due', due: iso, text };
}

/** Reads a deadline as written in a plan. Pure: the same text always gives the same date. */
export function parseDeadline(cell: SourceCell | undefined): Deadline {
  if (cell === undefined) return { kind: 'none', text: '' };
  if (typeof cell !== 'string') {
    if (cell.kind === 'date') return { kind: 'due', due: cell.iso, text: cell.iso };
    return { kind: 'invalid', text: `=${cell.formula}`, hint: 'replace the formula with its value' };
  }
  const text = cell.replace(/\s+/g, ' ').trim();
  // An exported table keeps the plan's deadline and shows a revision beside it: the revision is due.
  const revision = REVISED.exec(text);
  if (revision) {
    const revised = parseDeadline(revision[1]!);
    return revised.kind === 'due' ? { ...revised, text } : { kind: 'invalid', text, hint: HINT };
  }
  const bare = text.replace(/[.;:]+$/, '').trim();
  if (bare === '') return { kind: 'none', text: '' };
  if (OPEN_ENDED.test(bare)) return { kind: 'open', text };

  let m = MONTH_YEAR.exec(bare);
  if (m) {
    const month = monthNumber(m[1]!);
    const year = fullYear(m[2]!);
    if (month !== null && year !== null) return { kind: 'due', due: endOfMonth(year, month), text };
    if (month !== null) return { kind: 'invalid', text, hint: HINT };
  }
  m = DAY_MONTH_YEAR.exec(bare);
  if (m) {
    const month = monthNumber(m[2]!);
    const year = fullYear(m[3]!);
    return due(month !== null && year !== null ? day(year, month, Number(m[1])) : null, text);
  }
  m = MONTH_DAY_YEAR.exec(bare);
  if (m) {
    const month = monthNumber(m[1]!);
    const year = fullYear(m[3]!);
    return due(month !== null && year !== null ? day(year, month, Number(m[2])) : null, text);
  }
  m = NUMERIC_UK.exec(bare);
  if (m) {
    const year = fullYear(m[3]!);
    return due(year !== null ? day(year, Number(m[2]), Number(m[1])) : null, text);
  }
  m = ISO.exec(bare);
  if (m) return due(day(Number(m[1]), Number(m[2]), Number(m[3])), text);

  const monthOnly = monthNumber(bare.replace(/\.$/, ''));
  if (monthOnly !== null) return { kind: 'invalid', text, hint: `add the year, e.g. "${bare} 2018"` };
  return { kind: 'invalid', text, hint: HINT };
}

/**
 * True when a cell reads as an attempt at a deadline, even a mistyped one
 * ("Sept 20166"): used to tell which column a shifted cell belongs to.
 */
export function looksLikeDeadline(text: string): boolean {
  const parsed = parseDeadline(text);
  if (parsed.kind === 'due' || parsed.kind === 'open') return true;
  if (parsed.kind === 'none') return false;
  const bare = text.trim();
  if (bare.length > 25) return false;
  return /^\d{1,2}[/.-]\d{1,2}[/.-]\d+$/.test(bare) || bare.split(/[\s,.\-/']+/).some((w) => monthNumber(w) !== null);
}
