import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseLinks, parseLinkChoice, scorePairs, suggestCarryForward, SUGGEST_AT, type MatchableAction } from '../../src/domain/carry-forward.js';
import { planActions, type PlanAction } from '../../src/domain/plan.js';
import { seedPlans } from '../report/seed-report.js';

/**
 * Seed 000: Purbeck's 2016-17 plan and its 2017-18 successor. Which new
 * actions continue which old ones was decided by reading both plans:
 * word-for-word repeats (pub watch, the PCG mechanism, the CSCJB/CSP board,
 * the CSP delivery plan, the rural crime project), the DPPO review begun in
 * 4.5 and completed in 2.2, the fly-tipping camera that "follows on from"
 * the 3.4 trial, and the internal safeguarding group of 1.2 kept going as
 * 1.1's "mechanism to co-ordinate … safeguarding issues within the Council".
 */
const CONTINUES: Array<[string, string]> = [
  ['4.1', '4.7'],
  ['5.5', '4.6'],
  ['2.2', '4.5'],
  ['5.1', '4.1'],
  ['5.3', '4.2'],
  ['5.4', '4.3'],
  ['2.4', '3.4'],
  ['1.1', '1.2'],
];

describe('carry forward on seed 000', () => {
  let previous: PlanAction[];
  let next: PlanAction[];
  beforeAll(async () => {
    const [a, b] = await seedPlans();
    previous = planActions(a!);
    next = planActions(b!);
  });

  it('suggests each action that continues with the one it continues, and nothing else', () => {
    const suggested = suggestCarryForward(previous, next);
    expect(suggested.map((s) => [s.ref, s.from])).toEqual(
      [...CONTINUES].sort((x, y) => x[0].localeCompare(y[0], 'en', { numeric: true })),
    );
    for (const s of suggested) expect(s.score).toBeGreaterThanOrEqual(SUGGEST_AT);
  });

  it('scores word-for-word repeats 1 and the reworded DPPO review high', () => {
    const score = (ref: string, from: string) => scorePairs(previous, next).find((p) => p.ref === ref && p.from === from)?.score;
    expect(score('4.1', '4.7')).toBe(1);
    expect(score('5.3', '4.2')).toBe(1);
    expect(score('2.2', '4.5')).toBeGreaterThan(0.8);
  });

  it('keeps shared boilerplate below the threshold: "Contribute to the work of" a different group is not a continuation', () => {
    const pairs = scorePairs(previous, next);
    const contribute = pairs.find((p) => p.ref === '3.1' && p.from === '2.2')!;
    expect(contribute.score).toBeGreaterThan(0);
    expect(contribute.score).toBeLessThan(SUGGEST_AT);
    const truly = new Set(CONTINUES.map(([ref, from]) => `${ref}<${from}`));
    for (const p of pairs.filter((p) => !truly.has(`${p.ref}<${p.from}`))) {
      // The runners-up of a true pair (4.3 against 5.3, the two mechanisms) may score high; they lose to the true one.
      if (p.score >= SUGGEST_AT) expect(CONTINUES.some(([ref, from]) => ref === p.ref || from === p.from)).toBe(true);
    }
  });
});

const words = fc.array(fc.constantFrom('review', 'dppo', 'swanage', 'pub', 'watch', 'poaching', 'camera', 'the', 'of', 'training', 'taxi'), { minLength: 1, maxLength: 8 });
const action = (ref: string) => words.map((w): MatchableAction => ({ ref, action: w.join(' '), outcome: '' }));

describe('the matcher', () => {
  it('scores within 0..1, the same pair the same either way round', () => {
    fc.assert(
      fc.property(action('1.1'), action('2.1'), (a, b) => {
        const [ab] = scorePairs([a], [b]);
        const [ba] = scorePairs([b], [a]);
        expect(ab?.score ?? 0).toBe(ba?.score ?? 0);
        expect(ab?.score ?? 0).toBeGreaterThanOrEqual(0);
        expect(ab?.score ?? 0).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('suggests each old and each new action at most once', () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 6 }), fc.array(words, { minLength: 1, maxLength: 6 }), (olds, news) => {
        const prev = olds.map((w, i) => ({ ref: `1.${i + 1}`, action: w.join(' '), outcome: '' }));
        const next = news.map((w, i) => ({ ref: `2.${i + 1}`, action: w.join(' '), outcome: '' }));
        const s = suggestCarryForward(prev, next, 0);
        expect(new Set(s.map((x) => x.ref)).size).toBe(s.length);
        expect(new Set(s.map((x) => x.from)).size).toBe(s.length);
      }),
    );
  });

  it('ignores the year in "Delivery Plan for 2016-2017" and text with no words', () => {
    const [pair] = scorePairs([{ ref: '1.1', action: 'Delivery Plan for 2016-2017', outcome: '' }], [{ ref: '1.1', action: 'Delivery Plan for 2017-2018', outcome: '' }]);
    expect(pair?.score).toBe(1);
    expect(scorePairs([{ ref: '1.1', action: '2016 – …', outcome: '' }], [{ ref: '1.1', action: 'Pub watch', outcome: '' }])).toEqual([]);
  });
});

describe('the coordinator\'s links', () => {
  it('reads 4.1=2016-17:4.7 and refuses anything else with an example', () => {
    expect(parseLinkChoice(' 4.1 = 2016-17:4.7 ')).toEqual({ ref: '4.1', from: { year: '2016-17', ref: '4.7' } });
    for (const bad of ['4.1', '4.1=4.7', '4.1=2016:4.7', 'x=2016-17:4.7', '4.1=2016-17:']) {
      expect(parseLinkChoice(bad)).toMatch(/is not a link: .*e\.g\. 4\.1=2016-17:4\.7/);
    }
  });

  it('keeps suggestions, drops refused ones, and lets a named link win over a suggestion for either end', () => {
    const suggested = [
      { ref: '4.1', from: '4.7', score: 1 },
      { ref: '5.5', from: '4.6', score: 0.97 },
      { ref: '1.1', from: '1.2', score: 0.48 },
    ];
    const links = chooseLinks(suggested, '2016-17', {
      link: [{ ref: '2.6', from: { year: '2016-17', ref: '4.6' } }],
      noLink: ['1.1'],
    });
    expect(Object.fromEntries(links)).toEqual({
      '4.1': { year: '2016-17', ref: '4.7', score: 1 },
      '2.6': { year: '2016-17', ref: '4.6', score: null },
    });
  });
});
