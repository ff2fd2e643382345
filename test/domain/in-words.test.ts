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
});
