import { describe, expect, it } from 'vitest';
import { choicesSchema, readWithCorrections } from '../../src/app/read-with-corrections.js';
import { DomainError } from '../../src/domain/errors.js';
import { CHAMPIONS_PLAN_CSV } from '../fixtures/champions-plan.js';
import type { CorrectableHeading } from '../../src/domain/column-corrections.js';

/** The choices a Read again sends are checked against the headings the card listed, read again from the file. */
describe('the column choices of Read again', () => {
  const shown: CorrectableHeading[] = [
    { key: 'action', heading: 'Action', choice: 'action' },
    { key: 'champion', heading: 'Champion', choice: 'extra' },
  ];
  const parse = (choices: Record<string, unknown>) => {
    const parsed = choicesSchema(shown).safeParse(choices);
    return parsed.success ? [...parsed.data] : parsed.error.issues.map((i) => i.message);
  };

  it('names each heading by its place in the list, and keeps a choice left empty as read', () => {
    expect(parse({ 0: 'action', 1: 'lead' })).toEqual([['action', 'action'], ['champion', 'lead']]);
    expect(parse({ 1: 'extra', 0: '' })).toEqual([['champion', 'extra']]);
  });

  it('refuses a heading the card did not list, a field there is not, and more choices than headings', () => {
    expect(parse({ 2: 'lead' })).toEqual(['column 2 is not one this preview listed']);
    expect(parse({ '-1': 'lead', '01x': 'lead' })).toEqual(['column -1 is not one this preview listed', 'column 01x is not one this preview listed']);
    expect(parse({ 1: 'owner' })).toEqual(['“Champion” cannot be read as "owner": choose one of the list']);
    expect(parse({ 1: ['lead'] })).toEqual(['“Champion” cannot be read as "lead": choose one of the list']);
    expect(parse({ 0: 'action', 1: 'lead', 2: 'lead' })).toEqual(['3 columns chosen, but this preview listed 2']);
  });

  describe('the file read again', () => {
    const bytes = new TextEncoder().encode(CHAMPIONS_PLAN_CSV);
    // The card lists Ref, Action, Measure of success, Champion, Deadline, Progress, in that order.
    const all = (changes: Record<number, string>) => Object.fromEntries(['ref', 'action', 'measure', 'extra', 'deadline', 'update'].map((v, i) => [String(i), changes[i] ?? v]));

    it('keeps only the corrections that change the reading', async () => {
      const read = await readWithCorrections(bytes, 'plan.csv', [], all({ 3: 'lead' }));
      expect(read.corrections).toEqual([['champion', 'lead']]);
      expect(read.ignored).toEqual([]);
      expect(read.reading.plans[0]!.priorities.flatMap((p) => p.actions.map((a) => a.lead))).toEqual(['CSO', 'Housing Manager', 'CSO']);
    });

    it('names a correction that did not take, and reads the file without it', async () => {
      // Both set to the lead: the leftmost column takes it.
      const read = await readWithCorrections(bytes, 'plan.csv', [], all({ 2: 'lead', 3: 'lead' }));
      expect(read.corrections).toEqual([['measure of success', 'lead']]);
      expect(read.ignored).toEqual([['champion', 'lead']]);
      expect(read.reading.tables![0]!.columns.find((c) => c.heading === 'Champion')?.field).toBeNull();
    });

    it('a reading the corrections leave with no plan is refused, naming them', async () => {
      const error = await readWithCorrections(bytes, 'plan.csv', [], all({ 0: 'extra', 1: 'extra', 2: 'extra', 4: 'extra', 5: 'extra' })).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).problems[0]).toMatch(/^Read with your corrections \(“ref” → Extra column \(keep as is\), .*send it again to start from the automatic reading/);
    });
  });
});
