import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OWN_REF_UPDATE, readTypedUpdate, TYPED_UPDATE } from '../../src/domain/typed-update.js';

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

describe("an update typed in the plan's own numbering", () => {
  // Refs as published plans write them (test/fixtures/published-plans): a scrutiny review's R1, Dorset's DAB 1,
  // Derbyshire's AFI 1, Sheffield's 1a, integer refs, York's SR (25/26) 01 as stored, three-level refs.
  const refs = ['R1', 'R2', 'DAB 1', 'DAB 10', 'AFI 1', '1a', '1b', '7', 'SR 25-26 01', '1.1', '1.1.1', '2.3'];

  it.each([
    ['R1 done', 'R1', 'completed', ''],
    ['r1 complete: CCTV review signed off', 'R1', 'completed', 'CCTV review signed off'],
    ['update R2 amber - awaiting the new contract', 'R2', 'amber', 'awaiting the new contract'],
    ['DAB 1 green', 'DAB 1', 'green', ''],
    ['dab1 done', 'DAB 1', 'completed', ''],
    ['DAB-10 red - no funding', 'DAB 10', 'red', 'no funding'],
    ['AFI 1 done', 'AFI 1', 'completed', ''],
    ['1A complete', '1a', 'completed', ''],
    ['7 done', '7', 'completed', ''],
    ['7. done', '7', 'completed', ''],
    ['SR 25-26 01 done', 'SR 25-26 01', 'completed', ''],
    ['1.1.1 done', '1.1.1', 'completed', ''],
    ['1.1 done', '1.1', 'completed', ''],
  ])('%s records action %s', (text, ref, status, narrative) => {
    expect(readTypedUpdate(text, refs)).toEqual({ kind: 'record', ref, status, narrative });
  });

  it.each(['R1', 'update dab 1', '7?'])('%s opens the action it names', (text) => {
    expect(readTypedUpdate(text, refs)?.kind).toBe('open');
  });

  it.each(['2 questions about the rota', 'R3 done', 'DAB 2 done', '31/03/2018 meeting', '7pm meeting', 'R1x done', 'hi 2 u'])(
    '%s is not an update when the plans hold no such action',
    (text) => {
      expect(readTypedUpdate(text, refs)).toBeNull();
    },
  );

  it('routes dotted numbers one way and the rest of the plans\' numberings the other, never both', () => {
    for (const text of ['2.3 done', 'update 2.3 amber - venue', '10.12 green']) expect([TYPED_UPDATE.test(text), OWN_REF_UPDATE.test(text)]).toEqual([true, false]);
    for (const text of ['R1 done', 'DAB 1 amber - venue', '1a complete', '7 done', 'SR 25-26 01 done']) expect([TYPED_UPDATE.test(text), OWN_REF_UPDATE.test(text)]).toEqual([false, true]);
    for (const text of ['my actions', 'help', 'summary', 'meetings add 15 January 2pm', 'link purbeck-pcg']) expect(OWN_REF_UPDATE.test(text)).toBe(false);
  });

  it('reads any ref back however it is typed: any case, with or without the space or dash between its letters and numbers', () => {
    const ref = fc
      .tuple(fc.stringMatching(/^[A-Z]{0,4}$/), fc.constantFrom('', ' ', '-'), fc.integer({ min: 1, max: 999 }), fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 2 }), fc.constantFrom('', 'a', 'b'))
      .map(([letters, gap, n, parts, suffix]) => `${letters}${letters === '' ? '' : gap}${[n, ...parts].join('.')}${suffix}`);
    fc.assert(
      fc.property(fc.uniqueArray(ref, { minLength: 1, maxLength: 30 }), fc.nat(), fc.boolean(), (plan, pick, squash) => {
        const wanted = plan[pick % plan.length]!;
        const typed = squash ? wanted.toLowerCase().replace(/[ -]/g, '') : wanted.toUpperCase();
        // Refs that only differ in case or spacing are one action to whoever types them; the longest is read.
        const read = readTypedUpdate(`${typed} done`, plan);
        expect(read?.kind).toBe('record');
        expect(read!.ref.toLowerCase().replace(/[ -]/g, '')).toBe(wanted.toLowerCase().replace(/[ -]/g, ''));
      }),
    );
  });

  it('reads a long message against a large plan in bounded work', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`);
    expect(readTypedUpdate(`a1999 amber ${'x'.repeat(100_000)}`, many)).toMatchObject({ kind: 'record', ref: 'A1999', status: 'amber' });
  });
});
