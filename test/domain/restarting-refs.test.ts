import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import type { SourceRow } from '../../src/domain/source-row.js';
import { problemsOf, sheet } from './plan-rows.js';

/**
 * Action numbers that start again in each priority (issue 11, reader gaps):
 * two actions "1" in one plan are two actions, never merged and never
 * refused. Plans label priorities with numbers ("Priority 2: …", refs read
 * "2.1") or letters ("Priority A: …", "Theme B – …", as the Hampshire OPCC
 * and CSP delivery plans letter their strands): a restarted number takes its
 * priority's number or letter in front ("A.1", "B.1"), the way the committee
 * names it when two actions share a number.
 */
const read = (rows: SourceRow[]) => readPlans(rows, { fallbackTitle: 'plan' });
const HEADER = ['Ref', 'Action', 'Lead', 'Deadline'];
// Titles whose words also head columns ('Theme', 'Lead', 'Action') must still read as headings right under the header.
const THEMES = ['Safer streets', 'Theme of the year', 'Lead agencies', 'Action on hate crime', 'Reducing reoffending'];

describe('refs that start again in each priority', () => {
  const lettered = sheet('Plan', [
    HEADER,
    ['Priority A: Safer streets'],
    ['1', 'Run patrols in the town centre', 'Police', 'March 2026'],
    ['2', 'Fit CCTV in the car park', 'Council', 'March 2026'],
    ['Priority B: Domestic abuse'],
    ['1', 'Train front-line staff in DASH', 'DA Coordinator', 'June 2026'],
  ]);

  it('reads "1" under Priority A and "1" under Priority B as A.1 and B.1, each priority titled without its label', () => {
    const plan = read(lettered).plans[0]!;
    expect(plan.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.action])])).toEqual([
      ['Safer streets', [['A.1', 'Run patrols in the town centre'], ['A.2', 'Fit CCTV in the car park']]],
      ['Domestic abuse', [['B.1', 'Train front-line staff in DASH']]],
    ]);
  });

  it('says in the dry run how the restarted numbers were read', () => {
    expect(read(lettered).warnings).toContain(
      'Sheet "Plan" row 3: the plan numbers its actions from 1 again in each priority; each number is read with its priority\'s in front (A.1, B.1…), the numbers people use in updates',
    );
  });

  it('reads dotted refs that start again under each letter (1.1 under A, 1.1 under B) as A.1.1 and B.1.1, every ref under a letter alike', () => {
    const reading = read(
      sheet('Plan', [
        HEADER,
        ['Priority A: Safer streets'],
        ['1.1', 'Run patrols', 'Police', 'March 2026'],
        ['1.2', 'Fit CCTV', 'Council', 'March 2026'],
        ['Priority B: Domestic abuse'],
        ['1.1', 'Train staff', 'DA Coordinator', 'June 2026'],
        ['2.1', 'Run the campaign', 'DA Coordinator', 'June 2026'],
      ]),
    );
    expect(reading.plans[0]!.priorities.map((p) => p.actions.map((a) => a.ref))).toEqual([
      ['A.1.1', 'A.1.2'],
      ['B.1.1', 'B.2.1'],
    ]);
    expect(reading.warnings.some((w) => w.includes('again under each lettered priority') && w.includes('A.1.1, B.1.1'))).toBe(true);
  });

  it('keeps numbers that do not start again as written, and still refuses one number written twice in one priority', () => {
    const once = read(sheet('Plan', [HEADER, ['Priority A: Safer streets'], ['1', 'Run patrols', 'Police', 'March 2026'], ['Priority B: Domestic abuse'], ['2', 'Train staff', 'DA Coordinator', 'June 2026']]));
    expect(planActions(once.plans[0]!).map((a) => a.ref)).toEqual(['1', '2']);
    expect(problemsOf(() => read(sheet('Plan', [HEADER, ['Priority A: Safer streets'], ['1.1', 'Run patrols', 'Police', 'March 2026'], ['1.1', 'Fit CCTV', 'Council', 'March 2026']])))).toEqual([
      'Sheet "Plan" row 4: action 1.1 appears twice (first at Sheet "Plan" row 3); give each action its own number',
    ]);
  });

  it('gives every action a ref of its own, its priority’s label then its number, whatever the labels and counts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('letters', 'numbers'),
        fc.constantFrom('Priority', 'Theme', 'Objective'),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
        (labels, word, counts) => {
          const label = (p: number) => (labels === 'letters' ? String.fromCharCode(65 + p) : String(p + 1));
          const rows = [HEADER, ...counts.flatMap((n, p) => [[`${word} ${label(p)}: ${THEMES[p]}`], ...Array.from({ length: n }, (_, i) => [String(i + 1), `Action ${p}-${i}`, 'CSO', 'March 2026'])])];
          const actions = planActions(read(sheet('Plan', rows)).plans[0]!);
          expect(actions.map((a) => a.ref)).toEqual(counts.flatMap((n, p) => Array.from({ length: n }, (_, i) => `${label(p)}.${i + 1}`)));
          expect(actions.map((a) => a.action)).toEqual(counts.flatMap((n, p) => Array.from({ length: n }, (_, i) => `Action ${p}-${i}`)));
        },
      ),
      { numRuns: 80 },
    );
  });
});
