import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTypedUpdate } from '../../src/domain/typed-update.js';

describe('an update typed in plain words', () => {
  it.each([
    ['2.3 done', { kind: 'record', ref: '2.3', status: 'completed', narrative: '' }],
    ['2.3 complete: training delivered to 40 staff', { kind: 'record', ref: '2.3', status: 'completed', narrative: 'training delivered to 40 staff' }],
    ['2.4 amber - trainer off sick, new date May', { kind: 'record', ref: '2.4', status: 'amber', narrative: 'trainer off sick, new date May' }],
    ['update 2.3 red no budget', { kind: 'record', ref: '2.3', status: 'red', narrative: 'no budget' }],
    ['Update 2.3: Completed. Guidance produced and circulated.', { kind: 'record', ref: '2.3', status: 'completed', narrative: 'Guidance produced and circulated.' }],
    ['2.3 is done', { kind: 'record', ref: '2.3', status: 'completed', narrative: '' }],
    ['3.1 not completed - legislation changed, chipping no longer free', { kind: 'record', ref: '3.1', status: 'not-completed', narrative: 'legislation changed, chipping no longer free' }],
    ['4.7 started – good progress, due later in 2017', { kind: 'record', ref: '4.7', status: 'green', narrative: 'due later in 2017' }],
    ['action 10.12 green', { kind: 'record', ref: '10.12', status: 'green', narrative: '' }],
  ])('%s is recorded as read', (text, expected) => {
    expect(readTypedUpdate(text)).toEqual(expected);
  });

  it.each([
    ['2.3', { kind: 'open', ref: '2.3' }],
    ['update 2.3', { kind: 'open', ref: '2.3' }],
    ['  2.3?  ', { kind: 'open', ref: '2.3' }],
  ])('%s only names the action: its card opens', (text, expected) => {
    expect(readTypedUpdate(text)).toEqual(expected);
  });

  it.each([
    ['2.3 trainer booked for February', null, 'trainer booked for February', 'I could not tell the status'],
    ['2.4 amber', 'amber', '', 'needs a few words'],
    ['2.4 red', 'red', '', 'needs a few words'],
    ['2.3 done?', 'completed', '', 'question'],
    ['2.3 started - venue booked', null, 'started - venue booked', 'is not one of the statuses'],
  ])('%s is ambiguous: the card opens filled in with what was read', (text, status, narrative, why) => {
    const read = readTypedUpdate(text);
    expect(read).toMatchObject({ kind: 'prefill', status, narrative });
    expect(read?.kind === 'prefill' ? read.why : '').toContain(why);
  });

  it.each(['my actions', 'help', 'history 2.3', 'hi', '', 'update', '31/03/2018 meeting', '2 done', '2.3.4.5 done', '1.2.3done'])('%s is not a typed update', (text) => {
    expect(readTypedUpdate(text)).toBeNull();
  });

  it('keeps every word a person wrote: the status words and the narrative together are the message', () => {
    fc.assert(
      fc.property(fc.constantFrom('done', 'complete:', 'amber -', 'red', 'green,', 'not done -'), fc.string({ maxLength: 200 }), (status, said) => {
        const read = readTypedUpdate(`1.2 ${status} ${said}`);
        expect(read).not.toBeNull();
        if (read!.kind === 'record' || read!.kind === 'prefill') expect(`1.2 ${status} ${said}`.replace(/\s+/g, ' ')).toContain(read!.narrative.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('reads a very long message in bounded time and leaves the length rule to the update rules', () => {
    const long = `2.3 amber ${'x'.repeat(100_000)}`;
    expect(readTypedUpdate(long)).toMatchObject({ kind: 'record', status: 'amber' });
  });
});
