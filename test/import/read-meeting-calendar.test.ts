import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { isICalendar, MAX_CALENDAR_BYTES, MAX_CALENDAR_EVENTS, MAX_CALENDAR_OCCURRENCES, readMeetingCalendar } from '../../src/import/read-meeting-calendar.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/calendars/${name}`, import.meta.url));
const at = { now: new Date('2026-11-27T10:00:00Z'), zone: 'Europe/London' };
const bytes = (text: string) => new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
/** A calendar as Google writes one, around the events given. */
const calendar = (...events: string[]) => bytes(['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', ...events, 'END:VCALENDAR', ''].join('\n'));
const event = (uid: string, ...lines: string[]) => ['BEGIN:VEVENT', `UID:${uid}@google.com`, 'DTSTAMP:20261120T093000Z', 'SUMMARY:CSP', ...lines, 'END:VEVENT'].join('\n');

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('reading a meeting calendar (.ics)', () => {
  it('an Outlook export: a series every two months in "GMT Standard Time", one occurrence deleted, one moved, and a bank holiday', () => {
    const reading = readMeetingCalendar(fixture('outlook-series.ics'), 'Calendar.ics', at);
    // 14:00 in Outlook's zone is 14:00 in London in winter and summer alike; 12 May was moved to 13 May at 10:00.
    expect(reading.meetings).toEqual(['2027-01-13T14:00', '2027-05-13T10:00', '2027-07-14T14:00', '2027-09-08T14:00', '2027-11-10T14:00'].map((local) => ({ local, title: 'Purbeck PCG' })));
    expect(reading.setAside).toEqual([
      { local: '2027-03-10T14:00', title: 'Purbeck PCG', why: 'deleted from the series' },
      { local: '2026-12-25', title: 'Bank holiday', why: 'all day: a meeting needs a start time' },
    ]);
    expect(reading).toMatchObject({ past: 2, later: 0, horizon: '2027-11-27' });
  });

  it('a Google export: a quarterly series with a cancelled occurrence, a one-off in UTC and one in New York time', () => {
    const reading = readMeetingCalendar(fixture('google-series.ics'), 'Dorset CSP.ics', at);
    expect(reading.meetings).toEqual([
      { local: '2026-12-16T10:00', title: 'Dorset CSP board' },
      { local: '2027-02-03T15:00', title: 'Extra CSP meeting: county lines' },
      { local: '2027-06-16T10:00', title: 'Dorset CSP board' },
      // 09:00 in New York (EDT, no VTIMEZONE in the file) is 14:00 in London (BST).
      { local: '2027-07-07T14:00', title: 'Call with the Home Office' },
      { local: '2027-09-15T10:00', title: 'Dorset CSP board' },
    ]);
    expect(reading.setAside).toEqual([{ local: '2027-03-17T10:00', title: 'Dorset CSP board', why: 'cancelled' }]);
    // September's board is past; December 2027's is after the coming year.
    expect(reading).toMatchObject({ past: 1, later: 1 });
  });

  it('a series with no end is read over the coming year only', () => {
    const reading = readMeetingCalendar(calendar(event('monthly', 'DTSTART:20261202T140000Z', 'RRULE:FREQ=MONTHLY')), 'x.ics', at);
    expect(reading.meetings).toHaveLength(12);
    expect(reading.meetings.at(-1)!.local).toBe('2027-11-02T14:00');
    expect(reading.later).toBe(1);
  });

  it('a zone neither the file nor the world knows is set aside, with why; a floating time is the body\'s', () => {
    const reading = readMeetingCalendar(calendar(event('a', 'DTSTART;TZID=Purbeck Standard Time:20270113T140000'), event('b', 'DTSTART:20270210T140000')), 'x.ics', at);
    expect(reading.setAside).toEqual([{ local: null, title: 'CSP', why: 'its time zone "Purbeck Standard Time" is not described in the file, nor one I know' }]);
    expect(reading.meetings).toEqual([{ local: '2027-02-10T14:00', title: 'CSP' }]);
  });

  it('is told apart from a plan by its content, not its name', () => {
    expect(isICalendar(fixture('outlook-series.ics'))).toBe(true);
    expect(isICalendar(bytes('\uFEFFBEGIN:VCALENDAR\nVERSION:2.0\n'))).toBe(true);
    expect(isICalendar(bytes('ACTION,MEASURE OF SUCCESS\nBEGIN:VCALENDAR\n'))).toBe(false);
  });

  it.each([
    ['empty', new Uint8Array(0), 'file-empty', 'x.ics is empty.'],
    ['a binary', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]), 'file-unreadable', 'x.ics is not a calendar I can read: it is not text (a binary file)'],
    ['a plan saved as .ics', bytes('ACTION,DEADLINE\n1.1 Hold two events,Sept 2017\n'), 'file-unreadable', 'it does not begin with BEGIN:VCALENDAR'],
    ['broken iCalendar', bytes('BEGIN:VCALENDAR\nthis is not a content line\nEND:VCALENDAR\n'), 'file-unreadable', 'x.ics is not a calendar I can read: invalid line'],
    ['a calendar with no events', calendar(), 'file-empty', 'x.ics is a calendar with no events in it'],
  ])('%s is refused with a clear message', (_what, file, code, message) => {
    const error = refusal(() => readMeetingCalendar(file, 'x.ics', at));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it(`bounds: at most ${MAX_CALENDAR_BYTES / 1000} KB, ${MAX_CALENDAR_EVENTS} events and ${MAX_CALENDAR_OCCURRENCES} occurrences`, () => {
    const big = calendar(event('big', 'DTSTART:20270113T140000Z', `DESCRIPTION:${'x'.repeat(MAX_CALENDAR_BYTES)}`));
    expect(refusal(() => readMeetingCalendar(big, 'x.ics', at)).message).toMatch(/^x\.ics is 1,001 KB; a calendar file may be at most 1000 KB/);
    const many = calendar(...Array.from({ length: MAX_CALENDAR_EVENTS + 1 }, (_, i) => event(`e${i}`, 'DTSTART:20270113T140000Z')));
    expect(refusal(() => readMeetingCalendar(many, 'x.ics', at)).message).toBe("x.ics has 1,001 events; at most 1,000 are read. Export only the partnership's meetings.");
    // A daily series begun in 2010: some 6,000 occurrences before the horizon.
    const daily = calendar(event('daily', 'DTSTART:20100101T090000Z', 'RRULE:FREQ=DAILY'));
    expect(refusal(() => readMeetingCalendar(daily, 'x.ics', at)).message).toBe("x.ics has more than 2,000 meetings up to 27 Nov 2027 once its repeats are counted. Export only the partnership's meetings.");
    // Just inside the bounds, read: 1,000 events.
    expect(readMeetingCalendar(calendar(...Array.from({ length: MAX_CALENDAR_EVENTS }, (_, i) => event(`e${i}`, 'DTSTART:20270113T140000Z'))), 'x.ics', at).meetings).toHaveLength(1);
  });
});
