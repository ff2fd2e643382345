import { describe, expect, it } from 'vitest';
import { planYear, planYearSpan } from '../../src/domain/plan-changes.js';
import { truncate } from '../../src/domain/truncate.js';

describe('plan years in titles and running text', () => {
  it.each([
    ['CRIME AND DISORDER REDUCTION PLAN 2017-2018', '2017-18'],
    ['Action Plan 2023/24', '2023-24'],
    ['Plan 2017-2019', null],
  ])('planYear(%j) is %j', (title, year) => {
    expect(planYear(title)).toBe(year);
  });

  it('planYearSpan takes the first span that is a plan year, skipping one that is not', () => {
    expect(planYearSpan('Our strategy 2022-2025 sets the following Action Plan for 2023/24.')).toBe('2023/24');
    expect(planYearSpan('Adopted in 2023; reviewed 2024-2026.')).toBeNull();
  });

  it('truncate puts text on one line and cuts it with an ellipsis at the length', () => {
    expect(truncate('Outcome 1:\n  all staff\ttrained', 60)).toBe('Outcome 1: all staff trained');
    expect(truncate('x'.repeat(100), 80)).toBe(`${'x'.repeat(79)}…`);
  });
});
