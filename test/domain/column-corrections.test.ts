import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_CHOICES,
  ColumnCorrectionsSchema,
  correctableHeadings,
  correctionsInEffect,
  MAX_CORRECTABLE_HEADINGS,
  nextCorrections,
  overridesOf,
  readingsByHeading,
  type ColumnCorrections,
} from '../../src/domain/column-corrections.js';
import { DomainError } from '../../src/domain/errors.js';
import { planActions, type TableReading } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { sheet } from './plan-rows.js';

/** A plan whose lead column is headed "Champion": a word the reader does not know, so it is kept as an extra column. */
const rows = sheet('Plan', [
  ['Community Safety Action Plan 2017-18'],
  ['Ref', 'Action', 'Measure of success', 'Champion', 'Deadline', 'Progress'],
  ['1', 'Street safety'],
  ['1.1', 'Run a town-centre patrol each weekend in summer', 'Patrols run', 'CSO', 'September 2017', ''],
  ['1.2', 'Review the alley gating scheme', 'Review done', 'Housing Manager', 'December 2017', ''],
]);
const read = (corrections: ColumnCorrections = []) => readPlans(rows, { fallbackTitle: 'plan', columns: overridesOf(corrections) });

describe('column corrections (the preview card’s "Correct a column")', () => {
  it('lists each heading once, as read, leaving out a period series', () => {
    const tables: TableReading[] = [
      { where: 'row 1', columns: [{ heading: 'Action', field: 'action' }, { heading: 'Champion', field: null }, { heading: 'Q1 update', field: 'update', period: true }, { heading: 'Q2 update', field: 'update', period: true }] },
      { where: 'row 9', columns: [{ heading: 'ACTION', field: 'action' }, { heading: 'Lead officer', field: 'lead' }] },
    ];
    expect(correctableHeadings(tables)).toEqual({
      headings: [
        { key: 'action', heading: 'Action', choice: 'action' },
        { key: 'champion', heading: 'Champion', choice: 'extra' },
        { key: 'lead officer', heading: 'Lead officer', choice: 'lead' },
      ],
      more: 0,
    });
    const many = [{ where: 'row 1', columns: Array.from({ length: 40 }, (_, i) => ({ heading: `Note ${i}`, field: null })) }];
    expect(correctableHeadings(many)).toMatchObject({ more: 40 - MAX_CORRECTABLE_HEADINGS });
    expect(correctableHeadings(many).headings).toHaveLength(MAX_CORRECTABLE_HEADINGS);
  });

  it('a plan whose lead column was read as an extra column reads its leads once corrected', () => {
    const automatic = read();
    const shown = correctableHeadings(automatic.tables!).headings;
    expect(shown.find((h) => h.heading === 'Champion')?.choice).toBe('extra');
    expect(planActions(automatic.plans[0]!).map((a) => a.lead)).toEqual([null, null]);
    const corrections = nextCorrections({ previous: [], shown, chosen: new Map([['champion', 'lead'], ['action', 'action']]), automatic: readingsByHeading(automatic.tables!) });
    // Only what differs from the automatic reading is kept.
    expect(corrections).toEqual([['champion', 'lead']]);
    const corrected = read(corrections);
    expect(planActions(corrected.plans[0]!).map((a) => a.lead)).toEqual(['CSO', 'Housing Manager']);
    expect(correctionsInEffect(corrections, corrected.tables!)).toEqual({ kept: corrections, ignored: [] });
  });

  it('a choice set back to the automatic reading removes its correction; an unchanged choice keeps one in force', () => {
    const automatic = read();
    const previous: ColumnCorrections = [['champion', 'lead'], ['measure of success', 'outcome']];
    const shown = correctableHeadings(read(previous).tables!).headings;
    const next = (chosen: Array<[string, 'lead' | 'outcome' | 'extra' | 'measure']>) => nextCorrections({ previous, shown, chosen: new Map(chosen), automatic: readingsByHeading(automatic.tables!) });
    expect(next([['champion', 'lead'], ['measure of success', 'outcome']])).toEqual(previous);
    expect(next([['champion', 'extra'], ['measure of success', 'outcome']])).toEqual([['measure of success', 'outcome']]);
    expect(next([['measure of success', 'measure']])).toEqual([['champion', 'lead']]);
  });

  it('a correction that does not take is told apart from one that does', () => {
    // Two columns forced to the lead: the leftmost takes it, the other stays as it was.
    const wanted: ColumnCorrections = [['measure of success', 'lead'], ['champion', 'lead']];
    const { kept, ignored } = correctionsInEffect(wanted, read(wanted).tables!);
    expect(kept).toEqual([['measure of success', 'lead']]);
    expect(ignored).toEqual([['champion', 'lead']]);
  });

  it('refuses more corrections than a token carries, and a token’s corrections are bounded', () => {
    const headings = Array.from({ length: MAX_CORRECTABLE_HEADINGS + 1 }, (_, i) => ({ key: `note ${i}`, heading: `Note ${i}`, choice: 'extra' as const }));
    const chosen = new Map(headings.map((h) => [h.key, 'measure' as const]));
    expect(() => nextCorrections({ previous: [], shown: headings, chosen, automatic: new Map() })).toThrow(DomainError);
    expect(() => nextCorrections({ previous: [], shown: headings, chosen, automatic: new Map() })).toThrow(/at most 16.*--column/);
    expect(ColumnCorrectionsSchema.safeParse(headings.map((h) => [h.key, 'measure'])).success).toBe(false);
    expect(ColumnCorrectionsSchema.safeParse([['champion', 'owner']]).success).toBe(false);
  });

  it('whatever is chosen, twice over, the corrections are what differs from the automatic reading, and choosing it all back leaves none', () => {
    const automatic = read();
    const auto = readingsByHeading(automatic.tables!);
    const shown = correctableHeadings(automatic.tables!).headings;
    const choices = fc.array(fc.constantFrom(...COLUMN_CHOICES), { minLength: shown.length, maxLength: shown.length });
    fc.assert(
      fc.property(choices, choices, (first, second) => {
        const chosen = (list: typeof first) => new Map(shown.map((h, i) => [h.key, list[i]!]));
        const once = nextCorrections({ previous: [], shown, chosen: chosen(first), automatic: auto });
        expect(once).toEqual(shown.flatMap((h, i) => (first[i] !== h.choice ? [[h.key, first[i]]] : [])));
        // The second card shows the headings as the first corrections read them.
        const asCorrected = (corrections: ColumnCorrections) => shown.map((h) => ({ ...h, choice: new Map(corrections).get(h.key) ?? h.choice }));
        const twice = nextCorrections({ previous: once, shown: asCorrected(once), chosen: chosen(second), automatic: auto });
        expect(new Map(twice)).toEqual(new Map(shown.flatMap((h, i) => (second[i] !== h.choice ? [[h.key, second[i]!]] : []))));
        expect(nextCorrections({ previous: twice, shown: asCorrected(twice), chosen: new Map(shown.map((h) => [h.key, h.choice])), automatic: auto })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
