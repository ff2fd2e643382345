import { describe, expect, it } from 'vitest';
import { choicesSchema } from '../../src/app/read-with-corrections.js';
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
});
