import { DateTime } from 'luxon';

/**
 * The dates cards show ("1 Jul 2018", "1 Jul 2018, 10:30"), written with one
 * cached `Intl.DateTimeFormat` per time zone: formatting through a new
 * luxon DateTime each time was the largest share of a card submit's own
 * work (see `npm run bench -- bot`). Month names are English, whatever the
 * machine's locale.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, f);
  }
  return f;
}

/** A calendar date: "2018-07-01" → "1 Jul 2018". */
export function cardDay(iso: string, zone: string): string {
  const m = ISO_DAY.exec(iso);
  if (m === null) return DateTime.fromISO(iso, { zone }).toFormat('d LLL yyyy');
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An instant in a zone: "2018-07-01T09:30:00Z" in Europe/London → "1 Jul 2018, 10:30". */
export function cardInstant(iso: string, zone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toFormat('d LLL yyyy, HH:mm');
  const parts: Record<string, string> = {};
  for (const { type, value } of format(zone).formatToParts(date)) parts[type] = value;
  return `${parts.day} ${MONTHS[Number(parts.month) - 1]} ${parts.year}, ${parts.hour}:${parts.minute}`;
}
