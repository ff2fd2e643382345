import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { priorityHeading } from '../../src/domain/classify-row.js';
import { parseDeadline, readDateInProse } from '../../src/domain/deadline.js';
import { planActions } from '../../src/domain/plan.js';
import { matchHeading } from '../../src/domain/plan-columns.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { collectRoleDefinitions, parseResources } from '../../src/domain/roles.js';
import { readStatus } from '../../src/domain/status.js';
import { sheet } from './plan-rows.js';

/*
 * Rules found by reading plans of families the published-plan fixtures did not yet hold, as a stranger would
 * (issue 11): the Scottish Government's drugs action plan annex (2020), Slough LSCB's business plan (2012),
 * Stockton's reducing re-offending plan (2009), Herefordshire's Ofsted improvement plan (2015) and the Scottish
 * Executive's community safety strategy checklist.
 */

const none = collectRoleDefinitions([]);

describe('timescales that start work, and timescales written as sentences', () => {
  it.each(['Commence April 2009', 'Commence April 2009 – performance against target reported on a monthly basis', 'From April 2009 onwards', 'Starting 1 June 2025'])(
    'keeps "%s" as written, with no due date and no error',
    (text) => {
      expect(parseDeadline(text)).toEqual({ kind: 'open', text, reading: 'start' });
    },
  );

  it.each([
    ['Strategy agreed and in place by April 2012', '2012-04-30'],
    ['Training programme to run across financial year 2012/13', '2013-03-31'],
    ['Evaluation of Hub to be received in June/July 2012 Review of Hub operation completed by September 2012', '2012-09-30'],
    ['Report to the board by 30 September 2024', '2024-09-30'],
  ])('reads "%s" as due on the last date it names', (text, due) => {
    expect(readDateInProse(text)).toEqual({ kind: 'due', due, text });
  });

  it.each(['Caseloads remain at 16-18 cases on average', 'Reduce repeat victims by 10 in 2025', 'Ongoing'])('finds no date in "%s"', (text) => {
    expect(readDateInProse(text)).toBeNull();
  });

  it('is due on the later of any two dates a sentence names, whichever comes first', () => {
    const month = fc.record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(month, month, (a, b) => {
        const name = (m: { year: number; month: number }) => DateTime.fromObject({ ...m, day: 1 }).toFormat('MMMM yyyy');
        const end = (m: { year: number; month: number }) => DateTime.fromObject({ ...m, day: 1 }).endOf('month').toISODate()!;
        const read = readDateInProse(`Draft to be agreed by ${name(a)}, then published in ${name(b)}`);
        expect(read?.kind === 'due' ? read.due : null).toBe([end(a), end(b)].sort()[1]);
      }),
    );
  });
});

describe('a report saying the work is paused', () => {
  it('reads as amber, with the words kept', () => {
    const text = 'NB this programme of work has been paused as part of contingency response to demand of COVID-19 global pandemic.';
    expect(readStatus(text)).toEqual({ status: 'amber', said: '', rest: text, match: 'recognised' });
    expect(readStatus('The group is on hold until the review reports').status).toBe('amber');
  });

  it('leaves a template’s example ("e.g. Paused") in a status column unread', () => {
    expect(readStatus('e.g. Paused', { source: 'status-column' }).status).toBe('not-reported');
  });
});

describe('headings worded as questions, stages and inspection findings', () => {
  it.each([
    ['WHEN DO WE AIM TO DO IT BY?', 'deadline'],
    ['WHO ELSE NEEDS TO BE INVOLVED? (list by name, post & agency)', 'partners'],
    ['WHO WILL LEAD? (name, post & agency and email address)', 'lead'],
    ['HOW WILL WE KNOW WHETHER WE HAVE SUCCEEDED?', 'measure'],
    ['Output/Outcome measurement', 'outcome'],
    ['Ofsted Area for Improvement', 'priority'],
    ['STAGE', 'priority'],
  ])('"%s" names the %s column', (heading, field) => {
    expect(matchHeading(heading)[0]?.field).toBe(field);
  });
});

describe('leads written with a post', () => {
  it('keeps a bare job title with the remit after its comma', () => {
    expect(parseResources('Assistant Director, Safeguarding and Family Support', none, { leadColumn: true }).lead?.name).toBe(
      'Assistant Director, Safeguarding and Family Support',
    );
    // The remit is itself an organisation: two names.
    expect(parseResources('Head, Dorset Police', none, { leadColumn: true }).lead?.name).toBe('Head');
  });

  it('takes the post, not the person, whichever side of the dash the name is on', () => {
    expect(parseResources('Julie Allan – Assistant Director Probation Service', none, { leadColumn: true }).lead?.name).toBe(
      'Assistant Director Probation Service',
    );
    expect(parseResources('Prevent Officer – Geoff Thomas', none, { leadColumn: true }).lead?.name).toBe('Prevent Officer');
    expect(parseResources('EQUIP – commissioned by NBBC', none, { leadColumn: true }).lead?.name).toBe('EQUIP');
  });
});

describe('priorities numbered with a letter', () => {
  it('reads "PRIORITY 1a Early Help and Prevention" as a labelled priority', () => {
    expect(priorityHeading('PRIORITY 1a Early Help and Prevention', false)).toMatchObject({ title: 'Early Help and Prevention', lettered: true });
    // Unlabelled, "1a …" is an action's ref, never a heading.
    expect(priorityHeading('1a Run a surgery each month', false)).toBeNull();
  });

  it('gives "Priority 1a" and "Priority 1b" a priority each, with the lines between them and the header kept out', () => {
    const reading = readPlans(
      sheet('Business Plan', [
        ['PRIORITY 1a Early Help and Prevention'],
        ['Strategic Lead from SLSCB Executive: Chair of Quality and Performance Sub Group'],
        ['Specific Actions', 'Timescale/ Target', 'Lead', 'RAG rating'],
        ['1. Agree the Early Intervention Strategy', 'in place by April 2012', 'Chair of SLSCB', 'Green'],
        ['PRIORITY 1b Neglect'],
        ['2. Launch the neglect toolkit', 'by March 2013', 'Chair of SLSCB', 'Amber'],
      ]),
      { fallbackTitle: 'business plan' },
    );
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.deadline])])).toEqual([
      ['Early Help and Prevention', [['1', '2012-04-30']]],
      ['Neglect', [['2', '2013-03-31']]],
    ]);
  });
});

describe('a commitment above its milestones', () => {
  const reading = readPlans(
    sheet('Annex 1', [
      ['Annex 1: Milestones for delivery'],
      ['Number', 'Action / Milestone', 'Timeframe', 'Responsibility', 'Progress - December 2020'],
      ['1', 'We will work with partners to deliver the strategy.'],
      ['1a', 'Implement the delivery framework', '2021', 'Scottish Government, COSLA and Alcohol and Drug Partnerships', 'Strategies in place'],
      ['1b', 'Establish a monitoring plan', '2019', 'Scottish Government and Public Health Scotland', 'Complete'],
      ['1c', 'Publish an impact assessment', '2020', 'Scottish Government', 'To be published in 2021'],
      ['2', 'We will revise the prevention programme.', '', '', 'NB this programme of work has been paused.'],
    ]),
    { fallbackTitle: 'annex' },
  );

  it('heads the milestones with the commitment; a commitment with none is an action of its own', () => {
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => a.ref)])).toEqual([
      ['We will work with partners to deliver the strategy.', ['1a', '1b', '1c']],
      ['', ['2']],
    ]);
  });

  it('reads a bare year as the end of that year, and "X and Y" as X leading when the plan names X alone', () => {
    const [m1a, m1b, , c2] = planActions(reading.plans[0]!);
    expect([m1a, m1b, c2].map((a) => [a!.deadline, a!.lead, a!.status])).toEqual([
      ['2021-12-31', 'Scottish Government', 'in-progress'],
      ['2019-12-31', 'Scottish Government', 'completed'],
      [null, null, 'amber'],
    ]);
    expect(m1b!.partners).toContain('Public Health Scotland');
  });
});

describe('a checklist with its stage merged down', () => {
  it('reads each row under ACTION as a step of the stage above, even with nothing else filled', () => {
    const reading = readPlans(
      sheet('Checklist', [
        ['Developing a community safety strategy - checklist'],
        ['STAGE', 'ACTION', 'WHO', 'WHEN BY?'],
        ['Setting Priorities', 'Define the problems from the audit', '', ''],
        ['', 'Select 5-7 objectives', '', ''],
        ['Writing the strategy', 'Submit the draft to the partnership', '', ''],
      ]),
      { fallbackTitle: 'checklist' },
    );
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.action])])).toEqual([
      ['Setting Priorities', [['1.1', 'Define the problems from the audit'], ['1.2', 'Select 5-7 objectives']]],
      ['Writing the strategy', [['2.1', 'Submit the draft to the partnership']]],
    ]);
  });
});
