import { readFileSync } from 'node:fs';
import { MAX_CALENDAR_EVENTS, MAX_CALENDAR_OCCURRENCES, readMeetingCalendar } from '../src/import/read-meeting-calendar.js';

/**
 * Reading a meeting calendar (.ics) is CPU on the bot's one thread, so its
 * bounds are set by what the worst file they let through costs: Outlook's
 * own zone ("GMT Standard Time", defined from 1601) on every event, at the
 * events bound; a daily series long enough to hit the occurrences bound;
 * against the Outlook export of one series the fixtures hold. Each row is
 * the median of 5 runs, and its ratio to the one series.
 */
const AT = { now: new Date('2026-11-27T10:00:00Z'), zone: 'Europe/London' };
const OUTLOOK = readFileSync(new URL('../test/fixtures/calendars/outlook-series.ics', import.meta.url), 'utf8');
const HEAD = OUTLOOK.slice(0, OUTLOOK.indexOf('BEGIN:VEVENT'));
const calendar = (events: string[]) => new TextEncoder().encode(`${HEAD}${events.join('')}END:VCALENDAR\r\n`);
const event = (uid: string, start: string, more = '') => `BEGIN:VEVENT\r\nUID:${uid}\r\nSUMMARY:Purbeck PCG\r\nDTSTART;TZID=GMT Standard Time:${start}\r\n${more}END:VEVENT\r\n`;

function median(file: Uint8Array): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    try {
      readMeetingCalendar(file, 'bench.ics', AT);
    } catch {
      // The occurrences row is refused at its bound: the time to refuse is what it measures.
    }
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

export default async function run(): Promise<string[]> {
  const one = median(new TextEncoder().encode(OUTLOOK));
  const rows: Array<[string, number]> = [
    ['one Outlook series (the fixture)', one],
    [`${MAX_CALENDAR_EVENTS} one-off events, each in GMT Standard Time`, median(calendar(Array.from({ length: MAX_CALENDAR_EVENTS }, (_, i) => event(`e${i}`, `2027${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}T140000`))))],
    [`a daily series from 2013, refused past ${MAX_CALENDAR_OCCURRENCES} occurrences`, median(calendar([event('daily', '20130101T090000', 'RRULE:FREQ=DAILY\r\n')]))],
  ];
  return rows.map(([what, ms]) => `${what}: ${ms.toFixed(0)} ms (×${(ms / one).toFixed(1)})`);
}
