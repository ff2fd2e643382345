import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/domain/deadline.js';

const MONTH_SPELLINGS: Record<number, string[]> = {
  1: ['Jan', 'January', 'JAN', 'jan.'],
  2: ['Feb', 'February', 'Febuary', 'FEB'],
  3: ['Mar', 'March', 'MARCH'],
  4: ['Apr', 'April'],
  5: ['May', 'MAY'],
  6: ['Jun', 'June'],
  7: ['Jul', 'July'],
  8: ['Aug', 'August'],
  9: ['Sep', 'Sept', 'September', 'SEPT.'],
  10: ['Oct', 'October'],
  11: ['Nov', 'November'],
  12: ['Dec', 'December', 'DEC'],
};

const lastDay = (year: number, month: number) =>
  DateTime.fromObject({ year, month }, { zone: 'UTC' }).endOf('month').toISODate();

describe('parseDeadline', () => {
  it('reads the seeds’ months as the last day of the month', () => {
    expect(parseDeadline('Sept 2016')).toEqual({ kind: 'due', due: '2016-09-30', text: 'Sept 2016' });
    expect(parseDeadline('Dec 2017')).toMatchObject({ due: '2017-12-31' });
    expect(parseDeadline('March 2018')).toMatchObject({ due: '2018-03-31' });
    expect(parseDeadline('February 2016')).toMatchObject({ due: '2016-02-29' });
    expect(parseDeadline('Mar-18')).toMatchObject({ due: '2018-03-31' });
    expect(parseDeadline("June '17")).toMatchObject({ due: '2017-06-30' });
    expect(parseDeadline('End of March 2018')).toMatchObject({ due: '2018-03-31' });
  });

  it('reads UK dates and spreadsheet date cells as that day', () => {
    expect(parseDeadline('30/09/2016')).toMatchObject({ kind: 'due', due: '2016-09-30' });
    expect(parseDeadline('1/4/17')).toMatchObject({ due: '2017-04-01' });
    expect(parseDeadline('30 Sept 2016')).toMatchObject({ due: '2016-09-30' });
    expect(parseDeadline('1st October 2017')).toMatchObject({ due: '2017-10-01' });
    expect(parseDeadline('2017-10-01')).toMatchObject({ due: '2017-10-01' });
    expect(parseDeadline({ kind: 'date', iso: '2018-03-31' })).toMatchObject({ kind: 'due', due: '2018-03-31' });
    // "Sep-16" typed into Excel is stored as the 1st with a month format: the plan means the month, due on its last day.
    expect(parseDeadline({ kind: 'date', iso: '2016-09-01', shown: 'Sep-16' })).toEqual({ kind: 'due', due: '2016-09-30', text: 'Sep-16' });
    expect(parseDeadline({ kind: 'date', iso: '2016-09-30', shown: 'Sep 2016' })).toEqual({ kind: 'due', due: '2016-09-30', text: 'Sep 2016' });
    // A shown text that reads as another month (a format the reader misjudges) never moves the date.
    expect(parseDeadline({ kind: 'date', iso: '2016-09-10', shown: '10/09/2016 US' })).toMatchObject({ kind: 'due', due: '2016-09-10' });
  });

  it('gives no deadline for a blank cell and keeps open-ended words as text', () => {
    expect(parseDeadline('')).toEqual({ kind: 'none', text: '' });
    expect(parseDeadline('   ')).toEqual({ kind: 'none', text: '' });
    expect(parseDeadline(undefined)).toEqual({ kind: 'none', text: '' });
    for (const word of ['Ongoing', 'On-going', 'TBC', 'tba', 'N/A', 'As required']) {
      expect(parseDeadline(word)).toEqual({ kind: 'open', text: word });
    }
    expect(parseDeadline('Quarterly')).toEqual({ kind: 'open', text: 'Quarterly', reading: 'recurring' });
  });

  it('refuses what is not a date, with the fix', () => {
    expect(parseDeadline('Sept 20166')).toEqual({
      kind: 'invalid',
      text: 'Sept 20166',
      hint: 'use e.g. "Sept 2016" or "30/09/2016"',
    });
    expect(parseDeadline('31/02/2018')).toMatchObject({ kind: 'invalid' });
    expect(parseDeadline('Smarch 2018')).toMatchObject({ kind: 'invalid' });
    expect(parseDeadline('Q5 2024/25')).toMatchObject({ kind: 'invalid' });
    expect(parseDeadline('March')).toMatchObject({ kind: 'invalid', hint: 'add the year, e.g. "March 2018"' });
    expect(parseDeadline({ kind: 'formula', formula: 'EOMONTH(A1,0)' })).toMatchObject({ kind: 'invalid' });
  });

  it('property: any month spelling with any year is due on the last day of that month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1990, max: 2099 }),
        fc.nat(),
        fc.constantFrom(' ', '  ', '-', ', '),
        fc.boolean(),
        (month, year, pick, sep, shortYear) => {
          const spellings = MONTH_SPELLINGS[month]!;
          const word = spellings[pick % spellings.length]!;
          const yearText = shortYear && year >= 2000 ? String(year).slice(2) : String(year);
          const parsed = parseDeadline(`${word}${sep}${yearText}`);
          expect(parsed).toMatchObject({ kind: 'due', due: lastDay(year, month) });
        },
      ),
    );
  });

  it('property: a real calendar day written d/m/yyyy or "d Month yyyy" is due that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const d = DateTime.fromJSDate(date, { zone: 'UTC' });
        const iso = d.toISODate();
        expect(parseDeadline(d.toFormat('d/M/yyyy'))).toMatchObject({ kind: 'due', due: iso });
        expect(parseDeadline(d.toFormat('dd/MM/yyyy'))).toMatchObject({ kind: 'due', due: iso });
        expect(parseDeadline(d.toFormat('d LLLL yyyy'))).toMatchObject({ kind: 'due', due: iso });
      }),
    );
  });

  it('property: a day that is not in the calendar is refused, never rolled over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 3 }), (month, year, extra) => {
        const days = DateTime.fromObject({ year, month }).daysInMonth!;
        expect(parseDeadline(`${days + extra}/${month}/${year}`)).toMatchObject({ kind: 'invalid' });
      }),
    );
  });

  it('property: a mistyped year is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 10000, max: 99999 }), (month, year) => {
        expect(parseDeadline(`${MONTH_SPELLINGS[month]![0]} ${year}`)).toMatchObject({ kind: 'invalid' });
      }),
    );
  });
});

describe('parseDeadline with a revision beside the plan’s deadline', () => {
  it('is due on the revised date, keeping the text as written', () => {
    expect(parseDeadline('March 2018 (revised to 31/10/2018)')).toEqual({
      kind: 'due',
      due: '2018-10-31',
      text: 'March 2018 (revised to 31/10/2018)',
    });
    expect(parseDeadline('Sept 2016 (Revised: Dec 2016)')).toMatchObject({ due: '2016-12-31' });
    expect(parseDeadline('March 2018 (revised to 31/02/2018)')).toMatchObject({ kind: 'invalid' });
  });
});
