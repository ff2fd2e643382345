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
    // A range's start shares the end's pm when it is then still before it: "1.30 - 3.30pm" is the afternoon.
    ['14 October 2027, 1.30 - 3.30pm', meeting('2027-10-14T13:30', 'words')],
    ['8 April 2027, 10.30 - 12.30pm', meeting('2027-04-08T10:30', 'words')],
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

  it.each([
    // As published meeting lists write them (docs/coordinators.md, "Venues and notes"): the venue or how to join is set aside.
    ['Mon 7 Jun 2027 9:30am–11am (Teams)', '2027-06-07T09:30', 'Teams'],
    ['14 March 2027, 2pm, Committee Room 1, Civic Centre', '2027-03-14T14:00', 'Committee Room 1, Civic Centre'],
    ['Thursday 13 May 2027 2.00pm – Virtual', '2027-05-13T14:00', 'Virtual'],
    ['1 March 2027 at 2:00pm, Room 10 at St Helens Town Hall, Victoria Square', '2027-03-01T14:00', 'Room 10 at St Helens Town Hall, Victoria Square'],
    ['Wednesday 28 April 2027 at 9.30 am Townsville Stadium', '2027-04-28T09:30', 'Townsville Stadium'],
    ['8 April 2027, 10.30am - 12.30pm, online via Microsoft Teams', '2027-04-08T10:30', 'online via Microsoft Teams'],
    ['2pm on 15 Jan 2027, Room 4 (provisional)', '2027-01-15T14:00', 'Room 4 (provisional)'],
    // A table row pasted, the venue between the day and the time.
    ['Wednesday 27 January 2027 | Mortlake office | 1pm', '2027-01-27T13:00', 'Mortlake office'],
    ['Wednesday 27 January 2027\tMortlake office\t1pm', '2027-01-27T13:00', 'Mortlake office'],
    ["10 June 2027 10am to 12 noon, Mayor's Parlour, Market House", '2027-06-10T10:00', "Mayor's Parlour, Market House"],
    // The venue first, as meeting lists and committee pages also put it (a modern.gov page's "Venue: …" line pasted with its date).
    ['Council Chamber, Tuesday 2 March 2027 2pm', '2027-03-02T14:00', 'Council Chamber'],
    ['Committee Room 1, Civic Centre, Wednesday 3 March 2027, 10am', '2027-03-03T10:00', 'Committee Room 1, Civic Centre'],
    ['Venue: Council Offices, Knowle Green – Monday 1 March 2027 at 7pm', '2027-03-01T19:00', 'Venue: Council Offices, Knowle Green'],
    ['Room 10 on 4 March 2027 at 2pm', '2027-03-04T14:00', 'Room 10'],
  ])('"%s" is a meeting, with the venue set aside', (text, local, aside) => {
    expect(readMeetingText(text, TODAY)).toMatchObject({ kind: 'meeting', local, aside });
  });

  it.each([
    ['14 March 2027 2pm, cancelled', 'unsettled', 'cancelled'],
    ['14 March 2027 2pm (TBC)', 'unsettled', 'TBC'],
    ['14 March 2027 2pm – to be confirmed', 'unsettled', 'to be confirmed'],
    ['14 March 2027 2pm, if required', 'unsettled', 'if required'],
    ['Wednesday 27 January 2027 15:00 UTC', 'zone', 'UTC'],
    ['27 January 2027 3pm GMT', 'zone', 'GMT'],
  ])('"%s" is refused for what follows it', (text, why, word) => {
    expect(readMeetingText(text, TODAY)).toMatchObject({ kind: 'aside-refused', why, word });
  });

  it('reads a day with its venue first as a day, and a venue before it that names a date or a time as nothing', () => {
    expect(readMeetingText('Council Chamber, 2 March 2027', TODAY)).toMatchObject({ kind: 'day', date: '2027-03-02', aside: 'Council Chamber' });
    expect(readMeetingText('Moved from 7 March, Tuesday 2 March 2027 2pm', TODAY).kind).toBe('unreadable');
    expect(readMeetingText('Council Chamber 10am, 2 March 2027 2pm', TODAY).kind).toBe('unreadable');
    expect(splitMeetingList('Council Chamber, Tuesday 2 March 2027 2pm; Council Chamber, Thursday 4 March 2027 2pm', TODAY)).toEqual([
      'Council Chamber, Tuesday 2 March 2027 2pm',
      'Council Chamber, Thursday 4 March 2027 2pm',
    ]);
  });

  it.each(['14 March 2027 2pm, moved from 7 March', '14 March 2027 2pm, 10 April 2027', '14 March 2027 2pm or Thursday 18th', '14 March 2027 2pm, Room 2 at 3pm'])(
    'what follows names another date or time, so "%s" is not read',
    (text) => {
      expect(readMeetingText(text, TODAY).kind).toBe('unreadable');
    },
  );

  it('a weekday must agree with the date', () => {
    expect(readMeetingText('Thursday 14 March 2027, 2pm', TODAY)).toEqual({ kind: 'weekday-wrong', date: '2027-03-14', written: 4, style: 'words' });
    expect(readMeetingText('Sunday 14 March 2027, 2pm', TODAY)).toMatchObject({ kind: 'meeting', local: '2027-03-14T14:00' });
    expect(readMeetingText('Sun 14/03/2027', TODAY)).toMatchObject({ kind: 'day', date: '2027-03-14' });
    expect(readMeetingText('Mon, Tue 15 March 2027 2pm', TODAY).kind).toBe('unreadable');
  });

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

  it('refuses a weekday the date is not, naming both and the days either side, and adds nothing', () => {
    const change = addMeetings(existing, ['10 March 2027 2pm', 'Thursday 14 March 2027, 2pm'], input);
    expect(change.problems).toEqual(['14 March 2027 is a Sunday, not a Thursday; check the date: the Thursdays either side are 11 March 2027 and 18 March 2027']);
    expect(change).toMatchObject({ meetings: existing, added: [] });
    expect(removeMeeting(existing, 'Tuesday 13/01/2027', input).problems).toEqual(['13/01/2027 is a Wednesday, not a Tuesday; check the date: the Tuesdays either side are 12/01/2027 and 19/01/2027']);
  });

  it('keeps a meeting with its venue set aside, and says so; refuses one that is not settled or in another zone', () => {
    const change = addMeetings(existing, ['Mon 7 Jun 2027 9:30am–11am (Teams)', '10 March 2027 2pm'], input);
    expect(change).toMatchObject({ added: ['2027-03-10T14:00', '2027-06-07T09:30'], setAside: [{ meeting: '2027-06-07T09:30', aside: 'Teams' }], problems: [] });
    expect(addMeetings(existing, ['14 March 2027 2pm (TBC)'], input).problems).toEqual(['"14 March 2027 2pm (TBC)" says "TBC": add the meeting once it is settled, without the note']);
    expect(addMeetings(existing, ['14 March 2027 3pm UTC'], input).problems).toEqual([
      `"14 March 2027 3pm UTC" gives a time zone ("UTC"); meetings are in Purbeck PCG's zone, Europe/London: write the time as it is there, e.g. "14 March 2027 3pm"`,
    ]);
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
