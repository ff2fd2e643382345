import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { readTypedUpdate } from '../../src/domain/typed-update.js';
import { looksLikeStatus, parseStatusCell, readStatus, readStatusKey } from '../../src/domain/status.js';
import { ratingColour, statusFromFill, tintedHex } from '../../src/domain/status-colour.js';
import { sheet } from './plan-rows.js';

/*
 * Status wording from published UK progress reports: "Completed" with the narrative after it (Home Office
 * VAWG action plan update), RAG ratings defined as green "no issues", amber "issues or risks identified",
 * red "significant" (Kensington and Chelsea's Council Plan action plan), BRAG keys where blue is complete.
 */

describe('readStatus in a status column', () => {
  it.each([
    ['R', 'red'],
    ['A', 'amber'],
    ['G', 'green'],
    ['B', 'completed'],
    ['RAG: A', 'amber'],
    ['Amber/Green', 'amber'],
    ['Amber / Green', 'amber'],
    ['Green-Amber', 'amber'],
    ['Red/Amber', 'red'],
    ['A/R', 'red'],
    ['Green (on track)', 'green'],
    ['On track (Green)', 'green'],
    ['Delayed (Amber)', 'amber'],
    ['On track', 'green'],
    ['On target', 'green'],
    ['Complete', 'completed'],
    ['Completed', 'completed'],
    ['Achieved', 'completed'],
    ['Blue', 'completed'],
    ['Delayed', 'amber'],
    ['At risk', 'amber'],
    ['Off track', 'red'],
    ['Not started', 'not-reported'],
    ['100%', 'completed'],
    ['60%', 'in-progress'],
    ['✓', 'completed'],
    ['✔', 'completed'],
    ['In progress', 'in-progress'],
    ['No update received', 'not-reported'],
    ['No return', 'not-reported'],
    ['Awaiting update', 'not-reported'],
    ['Update not received', 'not-reported'],
    ['Yellow', 'amber'],
  ])('%s → %s', (cell, status) => {
    expect(readStatus(cell, { source: 'status-column' })).toMatchObject({ status, match: 'recognised', rest: '' });
  });

  it('keeps an unknown word, reads it as not reported and flags it', () => {
    expect(readStatus('Referred to Cabinet', { source: 'status-column' })).toEqual({ status: 'not-reported', said: '', rest: 'Referred to Cabinet', match: 'unknown' });
  });

  it('flags a word and a colour that disagree, keeping the word’s status', () => {
    expect(readStatus('Completed (Red)', { source: 'status-column' })).toMatchObject({ status: 'completed', match: 'ambiguous' });
  });
});

describe('readStatus on a narrative and a typed phrase', () => {
  it('splits the status from the rest of the text', () => {
    expect(readStatus('amber - trainer off sick', { source: 'phrase' })).toEqual({ status: 'amber', said: 'amber', rest: 'trainer off sick', match: 'recognised' });
    expect(readStatus('A – trainer off sick', { source: 'phrase' })).toMatchObject({ status: 'amber', rest: 'trainer off sick' });
    expect(readStatus('No update received this quarter', { source: 'narrative' })).toMatchObject({ status: 'not-reported' });
  });

  it('does not read a word that starts like a status as one', () => {
    expect(readStatus('A trainer is off sick', { source: 'phrase' })).toMatchObject({ match: 'unknown', status: 'not-reported' });
    expect(readStatus('Greenhouse project')).toMatchObject({ match: 'unknown', status: 'in-progress' });
    expect(readStatus('Redesign of the service')).toMatchObject({ match: 'unknown' });
    expect(readStatus('No reports of ASB this quarter')).toMatchObject({ match: 'unknown' });
    expect(readStatus('Met with partners in May')).toMatchObject({ match: 'unknown' });
    expect(readStatus('Green - a few issues remain')).toMatchObject({ status: 'green', rest: 'a few issues remain' });
  });

  it('keeps parseStatusCell’s reading of a narrative as before', () => {
    expect(parseStatusCell('Work with partners continues')).toEqual({ status: 'in-progress', narrative: 'Work with partners continues', recognised: false });
    expect(parseStatusCell('Referred', { source: 'status-column' })).toEqual({ status: 'not-reported', narrative: 'Referred', recognised: false });
    expect(looksLikeStatus('No update received')).toBe(true);
    expect(looksLikeStatus('Greenhouse')).toBe(false);
  });
});

/*
 * Words for states the model has no exact match for, mapped by how published trackers use them: Georges River's
 * delivery report rates "On Hold" and "Not Started" beside "Behind Schedule", each "due to budget or other
 * constraints"; a RAG key classes "Planned, Delayed, or On Hold" together as yellow; East Herts' service plan report
 * lists actions "suspended" or given "revised completion dates" as exceptions, and those "deleted as they were no
 * longer appropriate" apart from the achieved ones; recommendation trackers close a recommendation as
 * "Closed – Reconsidered/Superseded" or "Closed – No Longer Applicable"; Bracknell Forest's council plan report counts
 * actions "not started" apart from those in progress; audit trackers rate a recommendation "Not implemented" while it
 * is still outstanding; Epping Forest's key action plan counts "Under Control" between "On-Target" and "Behind
 * Schedule", and "Pending" for actions waiting on others. Each reads as the nearest state and keeps its words.
 */
describe('words the status model only comes close to', () => {
  it.each([
    ['Paused', 'amber'],
    ['Suspended', 'amber'],
    ['On hold', 'amber'],
    ['On-hold', 'amber'],
    ['Deferred', 'amber'],
    ['Postponed', 'amber'],
    ['Superseded', 'not-completed'],
    ['Withdrawn', 'not-completed'],
    ['Closed – merged into 3.2', 'not-completed'],
    ['Closed - superseded by the VAWG strategy', 'not-completed'],
    ['Merged with action 4.1', 'not-completed'],
    ['No longer required', 'not-completed'],
    ['Not started', 'not-reported'],
    ['Not implemented', 'in-progress'],
    ['Not yet implemented – awaiting the new system', 'in-progress'],
    ['Not yet due', 'not-reported'],
    ['Not due to start', 'not-reported'],
    ['Pending', 'not-reported'],
    ['Pending decision on funding', 'not-reported'],
    ['Under control', 'amber'],
    ['Deleted', 'not-completed'],
  ])('%s → %s, its words kept', (cell, status) => {
    for (const source of ['status-column', 'narrative'] as const) {
      expect(readStatus(cell, { source })).toMatchObject({ status, match: 'recognised', approximate: true });
      expect(parseStatusCell(cell, { source })).toMatchObject({ status, recognised: true, approximate: true });
    }
  });

  it.each([
    ['Implemented', 'completed'],
    ['Fully implemented', 'completed'],
    ['Partially implemented', 'amber'],
    ['Overdue', 'red'],
    ['Slippage', 'amber'],
  ])('reads an audit tracker’s or key action plan’s %s as %s', (cell, status) => {
    expect(readStatus(cell, { source: 'status-column' })).toMatchObject({ status, match: 'recognised' });
  });

  it('leaves "pending" in prose to the words around it ("Pending an update" is no report; "pending" mid-sentence is not a status)', () => {
    expect(readStatus('Pending an update from the police', { source: 'narrative' }).status).toBe('not-reported');
    expect(readStatus('Pendingly slow', { source: 'status-column' }).match).toBe('unknown');
  });

  it('reads the word inside a status cell’s label phrase', () => {
    expect(readStatus('Status: Paused', { source: 'status-column' })).toMatchObject({ status: 'amber', approximate: true });
    expect(readStatus('On hold (Amber)', { source: 'status-column' })).toMatchObject({ status: 'amber', approximate: true });
  });

  it('shows the chair the word as written beside the status it reads as, in a status column or an update', () => {
    const rows = sheet('Plan', [
      ['Ref', 'Action', 'Lead', 'Status', 'Update'],
      ['1.1', 'Launch the ASB app', 'CSO', 'On hold', 'Awaiting the new contract'],
      ['1.2', 'Review the DPPO', 'CSO', 'Closed – merged into 1.3', ''],
      ['1.3', 'Publish the PSPO consultation', 'CSO', '', 'Deferred to 2026/27: budget'],
    ]);
    const reading = readPlans(rows, { fallbackTitle: 'plan' });
    expect(reading.warnings.filter((w) => /nearest status/.test(w))).toEqual([
      'plan: "On hold" (action 1.1) is read as amber, the nearest status; the words are kept at the start of the update',
      'plan: "Closed – merged" (action 1.2) is read as not completed, the nearest status; the words are kept at the start of the update',
      'plan: "Deferred" (action 1.3) is read as amber, the nearest status; the words are kept at the start of the update',
    ]);
    const actions = planActions(reading.plans[0]!);
    expect(actions.map((a) => [a.ref, a.status, a.update])).toEqual([
      ['1.1', 'amber', 'On hold\nAwaiting the new contract'],
      ['1.2', 'not-completed', 'Closed – merged into 1.3'],
      ['1.3', 'amber', 'Deferred to 2026/27: budget'],
    ]);
  });

  it('keeps a lead’s typed word in the update it records', () => {
    expect(readTypedUpdate('2.3 on hold - trainer off sick')).toEqual({ kind: 'record', ref: '2.3', status: 'amber', narrative: 'on hold - trainer off sick' });
    expect(readTypedUpdate('2.3 superseded by 4.1')).toEqual({ kind: 'record', ref: '2.3', status: 'not-completed', narrative: 'superseded by 4.1' });
    expect(readTypedUpdate('2.3 paused')).toMatchObject({ kind: 'prefill', status: 'amber', narrative: 'paused' });
  });

  it('does not take a word that only starts like one for it', () => {
    expect(readStatus('Combined training delivered to 40 staff')).toMatchObject({ match: 'unknown', status: 'in-progress' });
    expect(readStatus('Holdings reviewed')).toMatchObject({ match: 'unknown' });
    expect(readStatus('Closed', { source: 'status-column' })).toMatchObject({ status: 'completed' });
    expect(readStatus('Closed', { source: 'status-column' }).approximate).toBeUndefined();
  });
});

describe('a plan’s key', () => {
  const key = readStatusKey(['Key:', 'Blue = complete', 'Green – on track', 'Amber - some delay', 'Red: off track', 'NS = not started'])!;

  it('reads each line that gives a status, and only those', () => {
    expect(key.map((k) => [k.term, k.status])).toEqual([
      ['Blue', 'completed'],
      ['Green', 'green'],
      ['Amber', 'amber'],
      ['Red', 'red'],
      ['NS', 'not-reported'],
    ]);
    expect(readStatusKey(['Lead = the officer who reports'])).toBeNull();
  });

  it('decides a cell’s status by the key’s own words first', () => {
    const purple = readStatusKey(['Purple = completed', 'C = Completed', 'OT = on track'])!;
    expect(readStatus('C', { source: 'status-column', key: purple })).toMatchObject({ status: 'completed', match: 'recognised' });
    expect(readStatus('OT – meeting booked', { source: 'status-column', key: purple })).toMatchObject({ status: 'green', rest: 'meeting booked' });
    expect(readStatus('Purple', { source: 'status-column', key: purple })).toMatchObject({ status: 'completed' });
  });
});

describe('a cell’s fill colour', () => {
  it.each([
    ['FF0000', 'red'],
    ['FFC7CE', 'red'],
    ['C00000', 'red'],
    ['FFC000', 'amber'],
    ['FFEB9C', 'amber'],
    ['FFFF00', 'amber'],
    ['ED7D31', 'amber'],
    ['00B050', 'green'],
    ['92D050', 'green'],
    ['C6EFCE', 'green'],
    ['70AD47', 'green'],
    ['0070C0', 'blue'],
    ['5B9BD5', 'blue'],
    ['DDEBF7', 'blue'],
    ['FF00B050', 'green'],
    ['#0f0', 'green'],
  ])('%s is %s', (hex, colour) => {
    expect(ratingColour(hex)).toBe(colour);
  });

  it.each(['FFFFFF', 'F2F2F2', 'D9D9D9', '000000', '7030A0', 'auto', ''])('%s is no rating', (hex) => {
    expect(ratingColour(hex)).toBeNull();
  });

  it('reads BRAG blue as completed, and lets the key decide', () => {
    expect(statusFromFill('0070C0')).toEqual({ status: 'completed', colour: 'blue' });
    expect(statusFromFill('00B050')).toEqual({ status: 'green', colour: 'green' });
    const key = readStatusKey(['Green = completed', 'Amber = on track', 'Red = delayed'])!;
    expect(statusFromFill('00B050', key)).toEqual({ status: 'completed', colour: 'green' });
    expect(statusFromFill('FFFFFF', key)).toBeNull();
  });

  it('tints a theme colour towards white or black as Office does', () => {
    expect(tintedHex('70AD47', 0.6)).toBe('C6DEB5');
    expect(tintedHex('70AD47', -0.5)).toBe('385724');
    expect(ratingColour(tintedHex('70AD47', 0.8)!)).toBe('green');
  });
});
