import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choosePlanYear, chooseYears, planYearWords, readPlanYear } from '../../src/domain/plan-year.js';
import type { Plan } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { plan, planAction } from '../store/cosmos-fixture.js';

const dated = (title: string, deadlines: Array<string | null>): Plan => plan(deadlines.map((deadline, i) => planAction(`1.${i + 1}`, { deadline })), title);
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('the year a plan is filed under', () => {
  it('is the one its title names', () => {
    expect(choosePlanYear(dated('COMMUNITY SAFETY DELIVERY PLAN 2017-2018', ['2025-01-01']), at('2026-11-27'))).toEqual({ year: '2017-18', from: 'title' });
  });

  it('else the financial year it is now, when the plan has no dates or they run through this year', () => {
    expect(choosePlanYear(dated('VAWG Action Plan', [null, null]), at('2026-11-27'))).toEqual({ year: '2026-27', from: 'now' });
    expect(choosePlanYear(dated('VAWG Action Plan', ['2024-06-30', '2027-03-31', '2028-04-30']), at('2026-11-27'))).toEqual({ year: '2026-27', from: 'now' });
    expect(choosePlanYear(dated('VAWG Action Plan', ['2025-04-30', '2025-09-30', '2028-04-30']), at('2026-11-27'))).toEqual({ year: '2026-27', from: 'now' });
    // The financial year turns on 1 April.
    expect(choosePlanYear(dated('Prevent action plan', []), at('2026-03-31')).year).toBe('2025-26');
    expect(choosePlanYear(dated('Prevent action plan', []), at('2026-04-01')).year).toBe('2026-27');
  });

  it('else, when its deadlines are all past or all to come, the financial year most of them fall in (the first on a tie)', () => {
    expect(choosePlanYear(dated('Serious Violence Strategy Delivery Plan V1.2', ['2023-06-30', '2023-12-31', '2024-05-31']), at('2026-11-27'))).toEqual({ year: '2023-24', from: 'deadlines' });
    // Imported in March for the coming year.
    expect(choosePlanYear(dated('Action Plan', ['2027-05-31', '2028-05-31']), at('2027-03-10'))).toEqual({ year: '2027-28', from: 'deadlines' });
  });

  it('is any date’s financial year: from 1 April of its start year to 31 March of the next', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1995-01-01'), max: new Date('2095-12-31'), noInvalidDate: true }), (now) => {
        const { year } = choosePlanYear(dated('Action Plan', []), now);
        const start = Number(year.slice(0, 4));
        const day = now.toISOString().slice(0, 10);
        expect(day >= `${start}-04-01` && day <= `${start + 1}-03-31`).toBe(true);
        expect(year.slice(5)).toBe(String((start + 1) % 100).padStart(2, '0'));
      }),
    );
  });

  it('says how it was chosen', () => {
    expect(planYearWords({ year: '2023-24', from: 'deadlines' })).toBe('2023-24: its title names no year, and most of its deadlines fall in that financial year');
    expect(planYearWords({ year: '2026-27', from: 'now' })).toBe('2026-27: its title names no year, so the financial year it is now');
  });

  it('reads a year as coordinators type it, and refuses what is not one', () => {
    for (const typed of ['2025-26', '2025/26', '2025/2026', '25-26', ' 2025–26 ']) expect(readPlanYear(typed)).toBe('2025-26');
    for (const typed of ['2025', '2025-27', 'next year', '2025-26; drop', '']) expect(() => readPlanYear(typed)).toThrow(/is not a plan year: write the financial year it runs over, e\.g\. 2025-26/);
  });

  it('refuses a file whose plans would fall in one year, since the second would replace the first', () => {
    const two = [dated('Hate Crime Action Plan', [null]), dated('Prevent Action Plan', [null])];
    expect(() => chooseYears(two, at('2026-11-27'))).toThrow('The file holds two plans that would both be the 2026-27 plan ("Hate Crime Action Plan" and "Prevent Action Plan")');
    expect(() => chooseYears(two, at('2026-11-27'), '2025-26')).toThrow('The file holds 2 plans, so one year cannot be chosen for all of them');
    expect(chooseYears([dated('Plan 2016-17', []), dated('Plan 2017-18', [])], at('2026-11-27')).map((c) => c.year)).toEqual(['2016-17', '2017-18']);
  });

  it('files published plans that name no year by their deadlines (as read on 27 November 2026)', async () => {
    const yearOf = async (file: string) => {
      const reading = await readPlanFile(await readFile(`test/fixtures/published-plans/${file}`), file);
      return chooseYears(reading.plans, at('2026-11-27')).map((c) => `${c.year} ${c.from}`);
    };
    // Derbyshire FRS's values and culture plan, reported as at 1 November 2023; Bexley's VAWG plan runs to 2028.
    expect(await yearOf('derbyshire-fire-culture-2023.csv')).toEqual(['2023-24 deadlines']);
    expect(await yearOf('bexley-vawg-action-plan-2024.xlsx')).toEqual(['2026-27 now']);
    expect(await yearOf('bracknell-youth-justice-2024.xlsx')).toEqual(['2023-24 title']);
  });
});
