import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/domain/truncate.js';

/** The one way messages quote what a file or a person wrote: one line, cut with "…". */
describe('truncate', () => {
  it('puts the text on one line without spaces at either end, and cuts it to the length with "…"', () => {
    expect(truncate('  Council Chamber,\n  Tuesday 3 March  ')).toBe('Council Chamber, Tuesday 3 March');
    expect(truncate('a'.repeat(61))).toBe(`${'a'.repeat(59)}…`);
    expect(truncate('a'.repeat(60))).toHaveLength(60);
    expect(truncate('Run the campaign in the town centre', 10)).toBe('Run the c…');
  });
});
