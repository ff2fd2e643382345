import fc from 'fast-check';
import { DateTime, type WeekdayNumbers } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addMeetings, removeMeeting } from '../../src/domain/meeting-calendar.js';
import { dayInStyle, meetingInStyle, readMeetingText, type DateStyle } from '../../src/domain/meeting-text.js';

const STYLES: DateStyle[] = ['words', 'numeric', 'iso'];
const TODAY = '2026-11-27';
const NOW = `${TODAY}T10:00`;

/** A local date-time from today to ten years on, on a five-minute step. */
const LOCAL = fc
  .record({ days: fc.integer({ min: 0, max: 3650 }), minutes: fc.integer({ min: 0, max: 287 }) })
  .map(({ days, minutes }) => DateTime.fromISO(TODAY, { zone: 'utc' }).plus({ days, minutes: minutes * 5 }).toFormat("yyyy-LL-dd'T'HH:mm"));
const PAST = fc
  .integer({ min: 1, max: 3650 })
  .map((days) => DateTime.fromISO(TODAY, { zone: 'utc' }).minus({ days }).toFormat("yyyy-LL-dd'T'14:00"));

describe('meeting text, for any date and time', () => {
  it('a meeting written in any style reads back as the same date and time', () => {
    fc.assert(
      fc.property(LOCAL, fc.constantFrom(...STYLES), (local, style) => {
        expect(readMeetingText(meetingInStyle(local, style), TODAY)).toMatchObject({ kind: 'meeting', local, style });
      }),
    );
  });

  it('12-hour and 24-hour clocks agree at every minute of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hour, minute) => {
        const mm = String(minute).padStart(2, '0');
        const twelve = `${hour % 12 === 0 ? 12 : hour % 12}:${mm}${hour < 12 ? 'am' : 'pm'}`;
        const twentyFour = `${String(hour).padStart(2, '0')}:${mm}`;
        const a = readMeetingText(`15 January 2027 ${twelve}`, TODAY);
        expect(a).toEqual(readMeetingText(`15 January 2027 ${twentyFour}`, TODAY));
        expect(a).toMatchObject({ local: `2027-01-15T${twentyFour}` });
      }),
    );
  });

  it('a date written with its true weekday is read; with any other weekday it is refused, naming both', () => {
    fc.assert(
      fc.property(LOCAL, fc.constantFrom(...STYLES), fc.constantFrom<WeekdayNumbers>(1, 2, 3, 4, 5, 6, 7), fc.boolean(), (local, style, weekday, short) => {
        const day = DateTime.fromISO(local, { zone: 'utc', locale: 'en-GB' });
        const name = (n: WeekdayNumbers) => DateTime.fromObject({ weekYear: 2027, weekNumber: 10, weekday: n }, { locale: 'en-GB' }).toFormat(short ? 'ccc' : 'cccc');
        const read = readMeetingText(`${name(weekday)} ${meetingInStyle(local, style)}`, TODAY);
        if (weekday === day.weekday) {
          expect(read).toMatchObject({ kind: 'meeting', local });
          return;
        }
        expect(read).toEqual({ kind: 'weekday-wrong', date: local.slice(0, 10), written: weekday, style });
        const change = addMeetings([], [`${name(weekday)} ${meetingInStyle(local, style)}`], { now: NOW, zone: 'Europe/London', bodyName: 'PCG' });
        expect(change.added).toEqual([]);
        const full = DateTime.fromObject({ weekYear: 2027, weekNumber: 10, weekday }, { locale: 'en-GB' }).toFormat('cccc');
        expect(change.problems[0]).toContain(`is a ${day.toFormat('cccc')}, not a ${full}`);
      }),
    );
  });

  it('any text is read or refused, never thrown on', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        expect(['meeting', 'day', 'weekday-wrong', 'aside-refused', 'unreadable']).toContain(readMeetingText(text, TODAY).kind);
      }),
    );
  });
});

describe('the calendar, for any commands', () => {
  it('no add or remove ever loses a meeting held, and a day never has two meetings added to it', () => {
    const COMMAND = fc.oneof(
      fc.record({ add: fc.array(fc.oneof(LOCAL, PAST), { minLength: 1, maxLength: 3 }), style: fc.constantFrom(...STYLES) }),
      fc.record({ remove: fc.oneof(LOCAL, PAST), style: fc.constantFrom(...STYLES) }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(PAST, { maxLength: 5 }), fc.array(COMMAND, { maxLength: 8 }), (held, commands) => {
        let calendar = [...held].sort();
        const input = { now: NOW, zone: 'Europe/London', bodyName: 'PCG' };
        for (const command of commands) {
          const before = calendar;
          const change =
            'add' in command
              ? addMeetings(calendar, command.add.map((m) => meetingInStyle(m, command.style)), input)
              : removeMeeting(calendar, dayInStyle(command.remove.slice(0, 10), command.style), input);
          if (change.problems.length > 0) expect(change.meetings).toEqual(before);
          calendar = change.meetings;
          expect(calendar).toEqual([...calendar].sort());
          for (const m of held) expect(calendar).toContain(m);
          const added = calendar.filter((m) => m > NOW).map((m) => m.slice(0, 10));
          expect(new Set(added).size).toBe(added.length);
        }
      }),
    );
  });
});
