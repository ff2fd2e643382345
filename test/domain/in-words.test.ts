import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { countInWords, dateInWords, listInWords } from '../../src/domain/in-words.js';

describe('dates and lists in words', () => {
  it('writes a calendar date one way, with the weekday where a day matters', () => {
    expect(dateInWords('2018-03-31')).toBe('31 Mar 2018');
    expect(dateInWords('2018-03-31', { weekday: true })).toBe('Sat 31 Mar 2018');
    expect(dateInWords('2016-09-30')).toBe('30 Sep 2016');
  });

  it('writes a meeting (local date-time) as given and an instant in the zone asked for, summer time included', () => {
    expect(dateInWords('2018-03-07T14:00', { zone: 'Europe/London', weekday: true })).toBe('Wed 7 Mar 2018, 14:00');
    expect(dateInWords('2018-07-01T09:30:00.000Z', { zone: 'Europe/London' })).toBe('1 Jul 2018, 10:30');
    expect(dateInWords('2018-01-01T09:30:00Z', { zone: 'Europe/London' })).toBe('1 Jan 2018, 09:30');
  });

  it('names an instant\'s zone when asked (the CLI), months always in three letters', () => {
    expect(dateInWords('2016-09-07T13:00:00Z', { zone: 'Europe/London', weekday: true, zoneName: true })).toBe('Wed 7 Sep 2016, 14:00 BST');
    expect(dateInWords('2016-01-07T13:00:00Z', { zone: 'Europe/London', zoneName: true })).toBe('7 Jan 2016, 13:00 GMT');
    expect(dateInWords('2016-09-30', { zoneName: true })).toBe('30 Sep 2016');
  });

  it('gives back text it cannot read as a date rather than "Invalid DateTime"', () => {
    expect(dateInWords('2018-02-31')).toBe('2018-02-31');
  });

  it('lists as a person writes them', () => {
    expect(listInWords(['1.1'])).toBe('1.1');
    expect(listInWords(['1.1', '1.2'])).toBe('1.1 and 1.2');
    expect(listInWords(['Green', 'Amber', 'Red'], 'or')).toBe('Green, Amber or Red');
    expect(countInWords(1, 'action')).toBe('1 action');
    expect(countInWords(9, 'action')).toBe('9 actions');
  });

  // Luxon is the oracle: the cards' own formatter is Intl with kept formatters (a card shows many dates), and must write what Luxon would.
  it('writes any instant in any zone as Luxon would, and any calendar date', () => {
    const zones = ['Europe/London', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Chatham'];
    const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), fc.boolean(), (iso, zone, weekday) => {
        const expected = DateTime.fromISO(iso, { setZone: true }).setZone(zone).setLocale('en-GB').toFormat(weekday ? 'ccc d LLL yyyy, HH:mm' : 'd LLL yyyy, HH:mm').replace('Sept', 'Sep');
        expect(dateInWords(iso, { zone, weekday })).toBe(expected);
        const date = iso.slice(0, 10);
        expect(dateInWords(date, { zone, weekday })).toBe(DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat(weekday ? 'ccc d LLL yyyy' : 'd LLL yyyy').replace('Sept', 'Sep'));
      }),
      { numRuns: 2000 },
    );
  });

  // The last minute's fields are kept per zone: instants in one UTC minute, either side of it, and other zones between them.
  it('writes instants of the same minute, and of the minutes around it, as Luxon would', () => {
    const zones = ['Europe/London', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
    const asLuxon = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm').replace('Sept', 'Sep');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.array(fc.tuple(fc.integer({ min: -90_000, max: 90_000 }), fc.constantFrom(...zones)), { minLength: 1, maxLength: 8 }), (start, steps) => {
        for (const [step, zone] of steps) {
          const ms = start + step;
          expect(dateInWords(new Date(ms).toISOString(), { zone })).toBe(asLuxon(ms, zone));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back anything that is not an ISO date, local date-time or instant', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}/.test(text));
        expect(dateInWords(text)).toBe(text);
      }),
    );
    expect(dateInWords('March 7, 2018')).toBe('March 7, 2018');
    expect(dateInWords('2018-03-07T25:00')).toBe('2018-03-07T25:00');
  });
});
