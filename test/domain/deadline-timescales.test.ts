import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueInPlanYear, financialQuarterEnd, financialYearEnd, looksLikeDeadline, parseDeadline } from '../../src/domain/deadline.js';

/*
 * Wording taken from published UK partnership plans and their progress reports: financial-year quarters
 * ("Q3 2024/25", "Quarter 4 and year-end 2023-24" in Rotherham's delivery plan report, "quarter one
 * 2025/2026" in Kensington and Chelsea's Council Plan action plan), financial years ("2015/2016" in
 * Medway's CSP action plan), "by 31 May 2024" (Ashfield cabinet), and timescales such as "Ongoing",
 * "Quarterly", "Short term" defined in a key.
 */

const QUARTER_MONTH_END: Record<1 | 2 | 3 | 4, { month: number; laterYear: boolean }> = {
  1: { month: 6, laterYear: false },
  2: { month: 9, laterYear: false },
  3: { month: 12, laterYear: false },
  4: { month: 3, laterYear: true },
};

const lastDay = (year: number, month: number): string =>
  DateTime.fromObject({ year, month }, { zone: 'UTC' }).endOf('month').toISODate()!;

const short = (year: number): string => String(year % 100).padStart(2, '0');

describe('financial-year arithmetic', () => {
  it('property: every quarter of every financial year ends on the last day of its third month', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4), fc.integer({ min: 1990, max: 2098 }), (quarter, start) => {
        const { month, laterYear } = QUARTER_MONTH_END[quarter];
        expect(financialQuarterEnd(quarter, start)).toBe(lastDay(laterYear ? start + 1 : start, month));
      }),
    );
  });

  it('property: every way of writing a quarter gives that quarter’s last day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4),
        fc.integer({ min: 2000, max: 2098 }),
        fc.constantFrom('Q{q} {y}', 'Q{q} {s}', 'Quarter {q} {y}', 'Qtr {q} {y}', 'q{q} {y}', 'Q{q} ({y})', 'Q{q} FY{s}', '{y} Q{q}', 'by Q{q} {y}', 'end of Q{q} {y}'),
        fc.constantFrom('/', '-', '–'),
        fc.boolean(),
        (quarter, start, form, dash, longEnd) => {
          const y = `${start}${dash}${longEnd ? start + 1 : short(start + 1)}`;
          const s = `${short(start)}${dash}${short(start + 1)}`;
          const text = form.replace('{q}', String(quarter)).replace('{y}', y).replace('{s}', s);
          expect(parseDeadline(text)).toEqual({ kind: 'due', due: financialQuarterEnd(quarter, start), text });
        },
      ),
    );
  });

  it('property: every financial year, however written, is due on 31 March of its later year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2098 }),
        fc.constantFrom('{a}/{b}', '{a}-{b}', '{a} - {b}', 'FY {a}/{b}', 'by {a}/{b}', 'end of {a}-{b}', 'Year end {a}/{b}'),
        fc.boolean(),
        fc.boolean(),
        (start, form, shortStart, shortEnd) => {
          const a = shortStart ? short(start) : String(start);
          const b = shortEnd ? short(start + 1) : String(start + 1);
          const text = form.replace('{a}', a).replace('{b}', b);
          expect(financialYearEnd(start)).toBe(`${start + 1}-03-31`);
          expect(parseDeadline(text)).toEqual({ kind: 'due', due: `${start + 1}-03-31`, text });
        },
      ),
    );
  });

  it('property: an Excel serial number is the day Excel shows for it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const day = DateTime.fromJSDate(date, { zone: 'UTC' }).startOf('day');
        const serial = day.diff(DateTime.fromISO('1899-12-30', { zone: 'UTC' }), 'days').days;
        expect(parseDeadline(String(serial))).toMatchObject({ kind: 'due', due: day.toISODate() });
      }),
    );
  });
});

describe('parseDeadline on the timescales published plans write', () => {
  it.each([
    ['Quarter 4 2023-24', '2024-03-31'],
    ['quarter one 2025/2026', '2025-06-30'],
    ['third quarter 2024/25', '2024-12-31'],
    ['Q2 2025/26', '2025-09-30'],
    ['2025/26', '2026-03-31'],
    ['2015/2016', '2016-03-31'],
    ['by June 2025', '2025-06-30'],
    ['By end of March 2025', '2025-03-31'],
    ['end of March 2025', '2025-03-31'],
    ['by 31 May 2024', '2024-05-31'],
    ['Deadline: 30/09/2025', '2025-09-30'],
    ['1 June 2025 then ongoing', '2025-06-01'],
    ['March 2026 (subject to funding)', '2026-03-31'],
    ['April 2024 – March 2025', '2025-03-31'],
    ['April to June 2025', '2025-06-30'],
    ['06/2025', '2025-06-30'],
    ['45838', '2025-06-30'],
    ['2025', '2025-12-31'],
  ])('%s is due %s', (text, due) => {
    expect(parseDeadline(text)).toEqual({ kind: 'due', due, text });
  });

  it.each([
    ['every quarter', 'recurring'],
    ['Each May', 'recurring'],
    ['Annually in March', 'recurring'],
    ['Six-monthly', 'recurring'],
    ['Twice a year', 'recurring'],
    ['Ongoing - every meeting', 'recurring'],
    // Bexley CSP VAWG action plan 2024-28 (test/fixtures/published-plans/bexley-vawg-action-plan-2024).
    ['November annually', 'recurring'],
    ['April each year', 'recurring'],
    ['within 12 months', 'relative'],
    ['6 months', 'relative'],
    ['Year 1', 'relative'],
    ['next year', 'relative'],
    ['first 100 days', 'relative'],
    ['S', 'coded'],
    ['M/L', 'coded'],
    ['Short term', 'coded'],
    ['Medium to long term', 'coded'],
    ['Long term (2-3 years)', 'coded'],
    ['Q3', 'coded'],
    ['Q3 2024', 'coded'],
  ] as const)('%s is kept as written, %s, with no due date', (text, reading) => {
    expect(parseDeadline(text)).toEqual({ kind: 'open', text, reading });
    expect(looksLikeDeadline(text)).toBe(true);
  });

  it('keeps words that are no timescale as written, without calling them one', () => {
    expect(parseDeadline('Subject to funding being agreed')).toEqual({ kind: 'open', text: 'Subject to funding being agreed', reading: 'free-text' });
    expect(looksLikeDeadline('Subject to funding being agreed')).toBe(false);
    expect(looksLikeDeadline('Reduce repeat victims')).toBe(false);
  });

  it('still names the fix for a date with a slip in it', () => {
    expect(parseDeadline('Sept 20166')).toMatchObject({ kind: 'invalid', hint: 'use e.g. "Sept 2016" or "30/09/2016"' });
    expect(parseDeadline('31/02/2018')).toMatchObject({ kind: 'invalid' });
    expect(parseDeadline('by 31/02/2018')).toMatchObject({ kind: 'invalid' });
    expect(parseDeadline('Q3 2024/26')).toMatchObject({ kind: 'invalid', hint: expect.stringContaining('Q3 2024/25') });
    expect(parseDeadline('99999')).toMatchObject({ kind: 'invalid' });
  });
});

/*
 * Seasons, school terms and weeks as UK plans write them: "Autumn 2025" and "Spring 2026" (community safety
 * delivery plans' timescale columns), "Spring term 2026" (school-based actions in youth justice and Prevent
 * plans), "Winter 2025/26", "early 2026", "mid-March 2026", "w/c 6 Jan 2026", "Jan-Mar 2026".
 */
describe('seasons, terms, parts of a year and weeks', () => {
  it.each([
    ['Autumn 2025', '2025-11-30'],
    ['Spring 2026', '2026-05-31'],
    ['Summer 2025', '2025-08-31'],
    ["summer '25", '2025-08-31'],
    ['by Autumn 2025', '2025-11-30'],
    ['Early autumn 2025', '2025-09-30'],
    ['Mid-summer 2025', '2025-07-31'],
    ['Winter 2025/26', '2026-02-28'],
    ['Autumn term 2025', '2025-12-31'],
    ['Spring term 2026', '2026-04-30'],
    ['Summer term 2026', '2026-07-31'],
    ['early 2026', '2026-04-30'],
    ['Mid 2025', '2025-08-31'],
    ['late 2025', '2025-12-31'],
    ['mid-March 2026', '2026-03-20'],
    ['early Jan 2026', '2026-01-10'],
    ['Late September 2025', '2025-09-30'],
    ['w/c 6 Jan 2026', '2026-01-10'],
    ['Week commencing 6 January 2026', '2026-01-10'],
    ['w/b 06/01/2026', '2026-01-10'],
    ['w/e 9 Jan 2026', '2026-01-09'],
    ['Jan-Mar 2026', '2026-03-31'],
    ['Oct/Nov 2025', '2025-11-30'],
  ])('%s is due on %s', (text, due) => {
    expect(parseDeadline(text)).toEqual({ kind: 'due', due, text });
  });

  it('keeps "Winter 2025", which does not say which winter, as written', () => {
    expect(parseDeadline('Winter 2025')).toEqual({ kind: 'open', text: 'Winter 2025', reading: 'free-text' });
  });

  it('property: a season is due on the last day of its last month, in its year', () => {
    const ends = { Spring: 5, Summer: 8, Autumn: 11 } as const;
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(ends) as Array<keyof typeof ends>)), fc.integer({ min: 1990, max: 2099 }), (season, year) => {
        expect(parseDeadline(`${season} ${year}`)).toMatchObject({ kind: 'due', due: lastDay(year, ends[season]) });
      }),
    );
  });
});

describe('a timescale that needs the plan’s year', () => {
  it.each([
    ['December', '2025-12-31'],
    ['by end of March', '2026-03-31'],
    ['April', '2025-04-30'],
    ['Q3', '2025-12-31'],
    ['End of Q2', '2025-09-30'],
    ['Quarter 4', '2026-03-31'],
    ['By the end of the year', '2026-03-31'],
    ['Year end', '2026-03-31'],
  ])('%s in the 2025/26 plan is due on %s', (text, due) => {
    expect(dueInPlanYear(text, 2025)).toEqual({ kind: 'due', due, text });
  });

  it('is none of these for a date, a sentence or an open timescale', () => {
    for (const text of ['Ongoing', 'Review the CCTV policy', 'Q5', '30/09/2025']) expect(dueInPlanYear(text, 2025)).toBeNull();
  });

  it('property: a month alone falls in the financial year, April to March', () => {
    const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2098 }), (month, start) => {
        const read = dueInPlanYear(names[month - 1]!, start);
        expect(read).toMatchObject({ kind: 'due', due: lastDay(month >= 4 ? start : start + 1, month) });
        expect(read!.kind === 'due' && read!.due > `${start}-04-00` && read!.due <= `${start + 1}-03-31`).toBe(true);
      }),
    );
  });
});
