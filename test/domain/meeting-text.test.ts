import { describe, expect, it } from 'vitest';
import { addMeetings, removeMeeting, splitMeetings } from '../../src/domain/meeting-calendar.js';
import { exampleMeeting, readMeetingsCommand, readMeetingText, splitMeetingList } from '../../src/domain/meeting-text.js';

const TODAY = '2026-11-27';
const meeting = (local: string, style: string, yearAssumed = false) => ({ kind: 'meeting', local, style, yearAssumed });

describe('reading a meeting as people write it', () => {
  it.each([
    ['15 January 2027 2pm', meeting('2027-01-15T14:00', 'words')],
    ['2027-03-10 14:00', meeting('2027-03-10T14:00', 'iso')],
    ['10/03/2027 2pm', meeting('2027-03-10T14:00', 'numeric')],
    ['10.03.2027 14.00', meeting('2027-03-10T14:00', 'numeric')],
    ['Wednesday 10 March 2027 at 2.30pm', meeting('2027-03-10T14:30', 'words')],
    ['Wed, 10th March 2027 at noon', meeting('2027-03-10T12:00', 'words')],
    ['2pm on 15 Jan', meeting('2027-01-15T14:00', 'words', true)],
    ['14:00-16:00 10 March 2027', meeting('2027-03-10T14:00', 'words')],
    ['10 March 2027, 2pm to 4pm', meeting('2027-03-10T14:00', 'words')],
    ['10-03-2027 2pm-4pm', meeting('2027-03-10T14:00', 'numeric')],
    ['1400hrs 10/3/2027', meeting('2027-03-10T14:00', 'numeric')],
    ['10 March 2027 9.30 a.m.', meeting('2027-03-10T09:30', 'words')],
    ['10 March 2027 12am', meeting('2027-03-10T00:00', 'words')],
    ['March 10, 2027 6:30pm', meeting('2027-03-10T18:30', 'words')],
  ])('"%s"', (text, expected) => {
    expect(readMeetingText(text, TODAY)).toEqual(expected);
  });

  it('a day with no time is a day (enough to remove a meeting, not to add one)', () => {
    expect(readMeetingText('15 January 2027', TODAY)).toEqual({ kind: 'day', date: '2027-01-15', style: 'words', yearAssumed: false });
    expect(readMeetingText('15/01', TODAY)).toEqual({ kind: 'day', date: '2027-01-15', style: 'numeric', yearAssumed: true });
    expect(readMeetingText('1 December', TODAY)).toMatchObject({ date: '2026-12-01', yearAssumed: true });
  });

  it.each(['next tuesday', 'January 2027 2pm', '31/02/2027 2pm', '15 January 2027 2pm, 10 March 2027 2pm', '2pm', '', 'x'.repeat(200), '25:00 15 January 2027', '13pm 15 January 2027'])(
    'does not guess at "%s"',
    (text) => {
      expect(readMeetingText(text, TODAY).kind).toBe('unreadable');
    },
  );

  it('splits a typed list on commas, semicolons and lines, keeping the commas inside one meeting', () => {
    expect(splitMeetingList('15 January 2027 2pm, 10 March 2027 2pm', TODAY)).toEqual(['15 January 2027 2pm', '10 March 2027 2pm']);
    expect(splitMeetingList('Wednesday, 10 March 2027, 2pm; 2027-05-05 10:30\nfoo', TODAY)).toEqual(['Wednesday, 10 March 2027, 2pm', '2027-05-05 10:30', 'foo']);
  });

  it('examples are four weeks from today at 2pm, in the style the person wrote', () => {
    expect(exampleMeeting(TODAY, 'words')).toBe('25 December 2026 2pm');
    expect(exampleMeeting(TODAY, 'numeric')).toBe('25/12/2026 2pm');
    expect(exampleMeeting(TODAY, 'iso')).toBe('2026-12-25 14:00');
  });
});

describe('the meeting calendar', () => {
  const input = { now: '2026-11-27T10:00', zone: 'Europe/London', bodyName: 'Purbeck PCG' };
  const held = ['2026-09-02T14:00', '2026-11-04T14:00'];
  const existing = [...held, '2027-01-13T14:00'];

  it('adds meetings to come in order, keeping the meetings held', () => {
    const change = addMeetings(existing, ['10 March 2027 2pm', '2026-12-09 10:30'], input);
    expect(change.problems).toEqual([]);
    expect(change.added).toEqual(['2026-12-09T10:30', '2027-03-10T14:00']);
    expect(change.meetings).toEqual([...held, '2026-12-09T10:30', '2027-01-13T14:00', '2027-03-10T14:00']);
  });

  it('refuses a past date with an example near today in the style typed, and adds nothing of the command', () => {
    const change = addMeetings(existing, ['10 March 2027 2pm', '04/11/2026 2pm'], input);
    expect(change.problems).toEqual(['Wed 4 Nov 2026, 14:00 is in the past (it is now Fri 27 Nov 2026, 10:00); use a date to come, e.g. "25/12/2026 2pm"']);
    expect(change.meetings).toEqual(existing);
    expect(change.added).toEqual([]);
  });

  it('refuses a second meeting on a day, also within one command, naming how to move it', () => {
    expect(addMeetings(existing, ['13 January 2027 10am'], input).problems).toEqual([
      'Purbeck PCG already meets on Wed 13 Jan 2027, 14:00, one meeting a day; to move it, remove it first ("meetings remove 13 January 2027")',
    ]);
    expect(addMeetings(existing, ['2027-02-03 14:00', '2027-02-03 16:00'], input).problems).toHaveLength(1);
  });

  it('a date without a time, or none at all, is refused with what to write', () => {
    expect(addMeetings(existing, ['10 March 2027'], input).problems).toEqual(['"10 March 2027" has no time; add it, e.g. "10 March 2027 2pm"']);
    expect(addMeetings(existing, ['next tuesday'], input).problems).toEqual(['"next tuesday" is not a meeting date and time I can read; write it as, e.g. "25 December 2026 2pm"']);
  });

  it('removes a meeting to come by its day; a meeting held stays as the record', () => {
    expect(removeMeeting(existing, '13/01/2027', input)).toMatchObject({ removed: '2027-01-13T14:00', meetings: held });
    expect(removeMeeting(existing, '4 November 2026', input)).toMatchObject({ removed: null, meetings: existing, problems: ['Wed 4 Nov 2026, 14:00 has been held: past meetings stay on the calendar as the record'] });
    expect(removeMeeting(existing, '14 January 2027', input).problems).toEqual(['Purbeck PCG has no meeting on 14 Jan 2027 to remove; its meetings to come are Wed 13 Jan 2027, 14:00']);
  });

  it('lists those to come soonest first and those held latest first', () => {
    expect(splitMeetings(existing, input.now)).toEqual({ upcoming: ['2027-01-13T14:00'], past: ['2026-11-04T14:00', '2026-09-02T14:00'] });
  });
});

describe('what `meetings …` asks for (Teams and the CLI alike)', () => {
  it.each([
    ['', { verb: 'list' }],
    ['   ', { verb: 'list' }],
    ['add 15 January 2027 2pm, 10 March 2027 2pm', { verb: 'add', named: '15 January 2027 2pm, 10 March 2027 2pm' }],
    ['ADD, 2027-01-15 14:00, 10/03/2027 2pm', { verb: 'add', named: '2027-01-15 14:00, 10/03/2027 2pm' }],
    ['15 January 2027 2pm', { verb: 'add', named: '15 January 2027 2pm' }],
    ['remove 10 March 2027', { verb: 'remove', named: '10 March 2027' }],
    ['delete 10 March', { verb: 'remove', named: '10 March' }],
    ['cancel 10/03/2027', { verb: 'remove', named: '10/03/2027' }],
    ['add', { verb: 'add', named: '' }],
    ['remove  ', { verb: 'remove', named: '' }],
    ['additional 15 January', { verb: 'add', named: 'additional 15 January' }],
  ])('"%s"', (typed, expected) => {
    expect(readMeetingsCommand(typed)).toEqual(expected);
  });
});
