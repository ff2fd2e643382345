/**
 * How dates and lists are written for people, everywhere the bot writes:
 * `31 Mar 2018`, `Sat 31 Mar 2018` where the day of the week matters, and
 * lists as a person writes them, "2.3, 2.4 and 3.1".
 */

export type DateWordsOptions = {
  /** Zone an instant is shown in (a calendar date or a local date-time is shown as written). */
  zone?: string;
  /** Name the day of the week, where a day matters: a deadline, a meeting. */
  weekday?: boolean;
  /** After an instant's time, its zone's short name ("14:00 GMT"): for readers who may sit in another zone (the CLI). */
  zoneName?: boolean;
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

// Building an Intl.DateTimeFormat costs far more than using one, and every
// card shows several dates: one formatter per zone, kept (zones are few).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

type WallClock = Readonly<Record<'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute' | 'timeZoneName', string>>;

const MINUTE_MS = 60_000;
// Since 1973 every zone's offset is a whole number of minutes (Monrovia's -0:44:30 was the last to go, in 1972).
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1973, 0, 1);
// formatToParts was the largest share of a card submit's own CPU in the bot bench's profile, and the dates a
// card shows are mostly "now": each zone's last minute is kept, valid for any instant in that UTC minute.
const lastMinute = new Map<string, { minute: number; fields: WallClock }>();

/** The instant `ms` as its wall-clock fields in `zone`. */
function wallClock(ms: number, zone: string): WallClock {
  const minute = Math.floor(ms / MINUTE_MS);
  const kept = lastMinute.get(zone);
  if (kept !== undefined && kept.minute === minute && ms >= WHOLE_MINUTE_OFFSETS_FROM) return kept.fields;
  const fields = { weekday: '', day: '', month: '', year: '', hour: '', minute: '', timeZoneName: '' };
  for (const part of formatterFor(zone).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = part.value;
  }
  lastMinute.set(zone, { minute, fields });
  return fields;
}

/** A calendar date or local date-time as UTC milliseconds, or null when it names no real day or time (31 February). */
function fieldsAsUtc(match: RegExpExecArray): number | null {
  const [y, mo, d, h = 0, mi = 0, s = 0] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const ms = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  const back = new Date(ms);
  const same = back.getUTCFullYear() === y && back.getUTCMonth() === mo! - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi;
  return same ? ms : null;
}

/**
 * The one formatting function for dates: an ISO date (`2018-03-31`), a
 * local date-time (a meeting, `2018-03-07T14:00`) or a UTC instant
 * (`2018-03-07T14:00:00.000Z`, shown in `zone`) as `31 Mar 2018`, with
 * `, 14:00` for a time. Month and day names are English whatever the
 * machine's locale, so a paper reads the same wherever it is printed.
 * Anything else is given back as written rather than as "Invalid date".
 */
export function dateInWords(iso: string, options: DateWordsOptions = {}): string {
  const dateOnly = DATE_ONLY.exec(iso);
  const local = dateOnly ?? LOCAL_DATE_TIME.exec(iso);
  // A calendar date and a meeting's local time are shown as written: their fields read in UTC, unconverted.
  const ms = local !== null ? fieldsAsUtc(local) : INSTANT.test(iso) ? Date.parse(iso) : null;
  if (ms === null || Number.isNaN(ms)) return iso;
  const w = wallClock(ms, local !== null ? 'UTC' : (options.zone ?? 'Europe/London'));
  const day = `${options.weekday === true ? `${w.weekday} ` : ''}${w.day} ${w.month.replace('Sept', 'Sep')} ${w.year}`;
  if (dateOnly !== null) return day;
  return `${day}, ${w.hour}:${w.minute}${options.zoneName === true && local === null ? ` ${w.timeZoneName}` : ''}`;
}

/** "A", "A and B", "A, B and C" (or "or"): lists as a person writes them. */
export function listInWords(items: readonly string[], join: 'and' | 'or' = 'and'): string {
  return new Intl.ListFormat('en-GB', { style: 'long', type: join === 'and' ? 'conjunction' : 'disjunction' }).format(items);
}

/** "1 action", "9 actions". */
export function countInWords(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : plural}`;
}
