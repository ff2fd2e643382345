import { DateTime } from 'luxon';

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
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The one formatting function for dates: an ISO date (`2018-03-31`), a
 * local date-time (a meeting, `2018-03-07T14:00`) or a UTC instant
 * (`2018-03-07T14:00:00.000Z`, shown in `zone`) as `31 Mar 2018`, with
 * `, 14:00` for a time. Month and day names are English whatever the
 * machine's locale, so a paper reads the same wherever it is printed.
 */
export function dateInWords(iso: string, options: DateWordsOptions = {}): string {
  const zone = options.zone ?? 'Europe/London';
  const dated = DATE_ONLY.test(iso)
    ? DateTime.fromISO(iso, { zone: 'utc' })
    : LOCAL_DATE_TIME.test(iso)
      ? DateTime.fromISO(iso, { zone })
      : DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  if (!dated.isValid) return iso;
  const day = dated.setLocale('en-GB').toFormat(options.weekday === true ? 'ccc d LLL yyyy' : 'd LLL yyyy').replace('Sept', 'Sep');
  return DATE_ONLY.test(iso) ? day : `${day}, ${dated.toFormat('HH:mm')}`;
}

/** "A", "A and B", "A, B and C" (or "or"): lists as a person writes them. */
export function listInWords(items: readonly string[], join: 'and' | 'or' = 'and'): string {
  return new Intl.ListFormat('en-GB', { style: 'long', type: join === 'and' ? 'conjunction' : 'disjunction' }).format(items);
}

/** "1 action", "9 actions". */
export function countInWords(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? noun : plural}`;
}
