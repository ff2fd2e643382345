import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRefs } from '../../src/domain/action-refs.js';

/** Refs as plans write them: dotted, lettered, coded, plain integers. */
const segment = fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom('a', 'b', 'c', 'd', 'A', 'B', 'cs', 'CS', 'DAB', 'R', 'AFI'));
const ref = fc.array(segment, { minLength: 1, maxLength: 4 }).chain((parts) =>
  fc.array(fc.constantFrom('.', '', ' ', '-'), { minLength: parts.length - 1, maxLength: parts.length - 1 }).map((seps) =>
    parts.map((p, i) => (i === 0 ? p : `${seps[i - 1]}${p}`)).join(''),
  ),
);

const sign = (n: number): number => (n > 0 ? 1 : n < 0 ? -1 : 0);

describe('compareRefs: one natural order for every ref', () => {
  it('is a total order: antisymmetric, transitive, and zero only for the same text', () => {
    fc.assert(
      fc.property(ref, ref, ref, (a, b, c) => {
        expect(sign(compareRefs(a, b)) + sign(compareRefs(b, a))).toBe(0);
        expect(compareRefs(a, b) === 0).toBe(a === b);
        if (compareRefs(a, b) <= 0 && compareRefs(b, c) <= 0) expect(compareRefs(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same order whatever order the refs arrive in', () => {
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 20 }), fc.nat(), (refs, seed) => {
        const shuffled = [...refs].sort((x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7));
        expect([...shuffled].sort(compareRefs)).toEqual([...refs].sort(compareRefs));
      }),
    );
  });

  it('orders dotted numbers by value at every depth, as the plan numbers them', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(30), { minLength: 1, maxLength: 4 }), (x, y) => {
        const byValue = x.findIndex((n, i) => n !== y[i]);
        const expected = byValue >= 0 && byValue < y.length ? x[byValue]! - y[byValue]! : x.length - y.length;
        expect(sign(compareRefs(x.join('.'), y.join('.')))).toBe(sign(expected));
      }),
    );
  });

  it('reads letters and codes the way people do', () => {
    const refs = ['cs2', 'A10', '1.10', '2', 'A2', '1a', '1.2', 'cs10', '1', '1b', 'DAB 1', '10', 'A1', '1.1.1', 'AFI 2'];
    expect([...refs].sort(compareRefs)).toEqual(['1', '1.1.1', '1.2', '1.10', '1a', '1b', '2', '10', 'A1', 'A2', 'A10', 'AFI 2', 'cs2', 'cs10', 'DAB 1']);
  });
});
