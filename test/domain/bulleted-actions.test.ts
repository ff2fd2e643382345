import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulletItems, partLetter, separateActions } from '../../src/domain/bulleted-actions.js';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import type { SourceRow } from '../../src/domain/source-row.js';
import { sheet } from './plan-rows.js';

/**
 * Bullets in an action cell (issue 11, reader gaps): separate actions when the
 * plan lists several things to do in one unnumbered cell with no progress per
 * row (Isle of Wight Council, Corporate Plan appendix A, Education committee
 * 17 February 2003, stored at old-iwight.onthewight.com/council/committees/
 * Mod-Education/17-2-03/appendix a.htm: POLICY | ACTIONS | OUTPUTS/OUTCOMES |
 * FUTURE ACTIONS | OUTPUTS/OUTCOMES, its bullets saved as "§" and "·");
 * steps of one action when the row is numbered, opens with a lead-in, or
 * reports its progress as one.
 */
const read = (rows: SourceRow[]) => readPlans(rows, { fallbackTitle: 'plan' });
const HEADER = ['POLICY', 'ACTIONS', 'OUTPUTS/OUTCOMES', 'FUTURE ACTIONS', 'OUTPUTS/OUTCOMES'];

describe('bullets in an action cell', () => {
  const rows = sheet('Plan', [
    ['AIM 1: AFFORDABLE HOUSING FOR ALL'],
    HEADER,
    [
      'To ensure that anyone living on the Island has access to affordable housing that is appropriate to their needs',
      '§ Deliver the capital programme for new social housing provision.\n§ Enforce planning policies for new social housing within development schemes.',
      '',
      '',
      '',
    ],
    ['', '§ Bring empty properties back into use.', '§ 30 empty properties brought back into use.', '§ Continue to bring properties back into use', '§ 50 further properties brought back into use.'],
    [
      '',
      '· Improve access to private housing through improvement grants\n· Deliver a housing advice service\n· Support the adaptation of homes for people with disabilities',
      '· 75 homes given disabled adaptations and 25 unfit homes renovated.',
      '',
      '',
    ],
  ]);

  it('reads each bullet of an unnumbered cell as an action, lettered after its row’s number (Isle of Wight corporate plan, 2003)', () => {
    const reading = read(rows);
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.action, a.outcome])).toEqual([
      ['1.1a', 'Deliver the capital programme for new social housing provision.', ''],
      ['1.1b', 'Enforce planning policies for new social housing within development schemes.', ''],
      ['1.2', 'Bring empty properties back into use.', '§ 30 empty properties brought back into use.'],
      ['1.3a', 'Improve access to private housing through improvement grants', '· 75 homes given disabled adaptations and 25 unfit homes renovated.'],
      ['1.3b', 'Deliver a housing advice service', '· 75 homes given disabled adaptations and 25 unfit homes renovated.'],
      ['1.3c', 'Support the adaptation of homes for people with disabilities', '· 75 homes given disabled adaptations and 25 unfit homes renovated.'],
    ]);
  });

  it('numbers the bullets as the priority’s own (1.1, 1.2…) when that one cell holds all its actions, its measures kept with the priority (seed 003’s Activities | Measures tables)', () => {
    const reading = read(
      sheet('Plan', [
        ['Domestic Abuse'],
        ['Activities', 'Measures'],
        ['• Raise awareness of domestic abuse\n• Support victims through the IDVA service\n• Deliver the Drive programme', '• Repeat referrals to MARAC\n• Number of IDVA referrals'],
      ]),
    );
    const [priority] = reading.plans[0]!.priorities;
    expect([priority!.title, priority!.measures, priority!.actions.map((a) => [a.ref, a.action])]).toEqual([
      'Domestic Abuse',
      ['Repeat referrals to MARAC', 'Number of IDVA referrals'],
      [['1.1', 'Raise awareness of domestic abuse'], ['1.2', 'Support victims through the IDVA service'], ['1.3', 'Deliver the Drive programme']],
    ]);
    expect(reading.warnings).toContain('Sheet "Plan" row 3: 3 bulleted actions in one cell read as 1.1–1.3, one action each (the row has no number or progress of its own); number the row to keep them as one action');
  });

  it('shows each split in the dry run’s warnings, so the coordinator sees the refs it made', () => {
    const warnings = read(rows).warnings;
    expect(warnings).toContain(
      'Sheet "Plan" row 3: 2 bulleted actions in one cell read as 1.1a–1.1b, one action each (the row has no number or progress of its own); number the row to keep them as one action',
    );
    expect(warnings.filter((w) => w.includes('bulleted actions'))).toHaveLength(2);
  });

  it.each([
    ['the row is numbered', ['Action', 'Lead'], ['4.1 • Deliver the campaign • Review it in March', 'CSO']],
    ['a lead-in introduces the bullets', ['Action', 'Lead'], ['Deliver the campaign:\n• posters\n• radio', 'CSO']],
    ['the table reports progress per row', ['Action', 'Lead', 'Progress'], ['• Deliver the campaign\n• Review it in March', 'CSO', 'Amber – posters printed']],
  ])('keeps the bullets as the steps of one action when %s', (_, header, row) => {
    const actions = planActions(read(sheet('Plan', [header, row])).plans[0]!);
    expect(actions).toHaveLength(1);
    expect(actions[0]!.action).toContain('•');
  });

  it('letters a row’s actions from its own place only: a bullet added to one row never renumbers another row’s', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }), fc.nat({ max: 4 }), (counts, grown) => {
        const refsOf = (bullets: number[]) => {
          const lines = bullets.map((n, r) => [`Policy ${r}`, Array.from({ length: n }, (_, b) => `• Task ${r}-${b}`).join('\n'), '', '', '']);
          const actions = planActions(read(sheet('Plan', [HEADER, ...lines])).plans[0]!);
          return new Map(actions.map((a) => [a.action, a.ref]));
        };
        const before = refsOf(counts);
        const at = grown % counts.length;
        const after = refsOf(counts.map((n, r) => (r === at ? n + 1 : n)));
        // Another row's refs never move; in the grown row, a list already split keeps its letters (a lone bullet had none).
        for (const [text, ref] of before) if (!text.startsWith(`Task ${at}-`) || counts[at]! > 1) expect(after.get(text)).toBe(ref);
        // Every ref is unique, and is the row's number with a letter when the row holds more than one action.
        expect(new Set(after.values()).size).toBe(after.size);
      }),
      { numRuns: 60 },
    );
  });
});

describe('bullet rules', () => {
  it('reads a bullet only where a list puts one: "§" and "·" at a line’s start, never inside a sentence', () => {
    expect(bulletItems('Fulfil the duty under § 17 of the Act')).toBeNull();
    expect(bulletItems('§ One\n§ Two')).toEqual({ leadIn: '', items: ['One', 'Two'] });
    expect(bulletItems('- One\n- Two')).toEqual({ leadIn: '', items: ['One', 'Two'] });
    expect(separateActions('• One • Two', { reportsProgress: false })).toEqual(['One', 'Two']);
    expect(separateActions('• One • Two', { reportsProgress: true })).toBeNull();
  });

  it('letters parts a…z, then aa, ab…', () => {
    expect([0, 1, 25, 26, 27].map(partLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab']);
  });
});
