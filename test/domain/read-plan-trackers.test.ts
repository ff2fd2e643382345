import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { sheet, wordText } from './plan-rows.js';

/**
 * Recommendation trackers a partnership also chases (DHR, SAR and audit
 * action plans, scrutiny trackers), and measures kept per priority: the
 * rules the published-plan fixtures of that family needed, one layout each.
 */

/** Word text written line by line: a cell list is one line with its cells joined by tabs. */
const lines = (rows: Array<string | string[]>): string => rows.map((row) => (typeof row === 'string' ? row : row.join('\t'))).join('\n');

describe('a "Measures of success:" line above a priority’s table', () => {
  const reading = readPlans(
    wordText(lines([
      'Community Safety Plan 2024-25',
      'Priority 1: Domestic abuse',
      'Measures of success: • More repeat victims referred to MARAC • Fewer repeat incidents',
      ['Activity', 'Lead', 'Timescale'],
      ['Train frontline staff in DASH', 'DA Coordinator', 'March 2025'],
      'Priority 2: Anti-social behaviour',
      'Measure of success: Fewer ASB incidents reported in hotspot areas',
      ['Activity', 'Lead', 'Timescale'],
      ['Run joint patrols in the town centre', 'ASB Officer', 'June 2025'],
    ])),
    { fallbackTitle: 'plan' },
  );
  const [first, second] = reading.plans[0]!.priorities;

  it('keeps the measures with the priority the table below belongs to, not with any action', () => {
    expect(first).toMatchObject({ title: 'Domestic abuse', measures: ['More repeat victims referred to MARAC', 'Fewer repeat incidents'] });
    expect(second).toMatchObject({ title: 'Anti-social behaviour', measures: ['Fewer ASB incidents reported in hotspot areas'] });
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.action, a.measure])).toEqual([
      ['1.1', 'Train frontline staff in DASH', ''],
      ['2.1', 'Run joint patrols in the town centre', ''],
    ]);
  });

  it('does not take a "Measures" heading cell or a sentence about measures as a measures line', () => {
    const rows = sheet('Plan', [
      ['Action', 'Measures', 'Lead'],
      ['Hold a hate crime awareness week', 'Reports up 10%', 'Cohesion Officer'],
      ['Measures-led approach to be agreed with partners', '', ''],
    ]);
    const plan = readPlans(rows, { fallbackTitle: 'plan' }).plans[0]!;
    expect(plan.priorities[0]!.measures).toBeUndefined();
    expect(planActions(plan)[0]!.measure).toBe('Reports up 10%');
  });
});

describe('a DHR action plan: recommendations merged down beside the actions that enact them', () => {
  const rows = sheet('DHR', [
    ['Recommendation', 'Scope of recommendation i.e. local or regional', 'Action to take', 'Lead Agency', 'Target Date', 'Date of completion and Outcome'],
    ['1. Staff to ask about domestic abuse', 'Local', 'Train GP practice staff', 'Clinical Commissioning Group', 'March 2017', 'January 2017 – 14 practices trained'],
    ['', 'Local', 'Add a prompt to the triage form', 'Acute Hospital Trust', 'June 2017', ''],
    ['2. MARAC referral for every high risk DASH', 'Local', 'Audit DASH forms each quarter', 'Police', 'Ongoing', 'Audit now quarterly'],
  ]);
  const reading = readPlans(rows, { fallbackTitle: 'dhr' });
  const plan = reading.plans[0]!;

  it('chases each action, grouped under the recommendation it enacts, with the outcome column as the update', () => {
    expect(reading.tables![0]!.columns.map((c) => c.field)).toEqual(['priority', null, 'action', 'lead', 'deadline', 'update']);
    expect(plan.priorities.map((p) => p.title)).toEqual(['Staff to ask about domestic abuse', 'MARAC referral for every high risk DASH']);
    expect(planActions(plan).map((a) => [a.ref, a.action, a.lead, a.deadline])).toEqual([
      ['1.1', 'Train GP practice staff', 'Clinical Commissioning Group', '2017-03-31'],
      ['1.2', 'Add a prompt to the triage form', 'Acute Hospital Trust', '2017-06-30'],
      ['2.1', 'Audit DASH forms each quarter', 'Police', null],
    ]);
  });

  it('reads a date of completion as done, and an outcome with no date as a report of progress', () => {
    expect(planActions(plan).map((a) => [a.status, a.update])).toEqual([
      ['completed', 'January 2017 – 14 practices trained'],
      ['not-reported', ''],
      ['in-progress', 'Audit now quarterly'],
    ]);
  });

  it('keeps "Recommendation" as the action when no other column names the actions', () => {
    const alone = readPlans(sheet('Tracker', [['Ref', 'Recommendation', 'Lead Officer', 'Status'], ['R1', 'Review CCTV', 'CCTV Manager', 'Ongoing']]), { fallbackTitle: 't' });
    expect(planActions(alone.plans[0]!)[0]).toMatchObject({ ref: 'R1', action: 'Review CCTV' });
  });
});

describe('an audit action tracker', () => {
  it('chases the revised date where there is one, and the agreed date where the revised cell is empty', () => {
    const reading = readPlans(
      sheet('Audit', [
        ['Ref', 'Recommendation', 'Responsible officer', 'Agreed completion date', 'Revised date', 'RAG'],
        ['3.1', 'Require quarterly returns', 'Community Safety Manager', '31/03/2019', '30/09/2019', 'Amber'],
        ['3.2', 'Sign agreements before payment', 'Community Safety Manager', '31/01/2019', '', 'Green'],
      ]),
      { fallbackTitle: 'audit' },
    );
    expect(reading.tables![0]!.columns.map((c) => [c.heading, c.field])).toContainEqual(['Revised date', 'deadline']);
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.deadline, a.extra?.['Agreed completion date']])).toEqual([
      ['3.1', '2019-09-30', '31/03/2019'],
      ['3.2', '2019-01-31', '31/01/2019'],
    ]);
  });

  it('keeps a closed date and a date the key defines as when something was agreed, but chases neither', () => {
    const register = readPlans(
      sheet('Register', [
        ['ID', 'Recommendation', 'Responsibility', 'Status of Recommendation', 'Closed Date'],
        ['1', 'Add the CCTV system to the record of processing', 'IG Manager', 'Closed', '14/08/2020'],
        ['2', 'Delete case files past retention', 'Head of Community Safety', 'Open', ''],
      ]),
      { fallbackTitle: 'register' },
    );
    expect(planActions(register.plans[0]!).map((a) => [a.ref, a.deadline, a.status, a.extra?.['Closed Date']])).toEqual([
      ['1', null, 'completed', '14/08/2020'],
      ['2', null, 'in-progress', ''],
    ]);
    const tracker = readPlans(
      sheet('Tracker', [
        ['Reference', 'Date', 'Recommendation', 'Lead Officer', 'Status'],
        ['SR (25/26) 01', '01/01/26', 'Publish the budget timetable', 'DM', 'Complete'],
        ['Key'],
        ['Date: Date of the Committee meeting recommendation was agreed.'],
      ]),
      { fallbackTitle: 'tracker' },
    );
    expect(tracker.tables![0]!.columns.find((c) => c.heading === 'Date')!.field).toBeNull();
    expect(planActions(tracker.plans[0]!)[0]).toMatchObject({ ref: 'SR 25-26 01', deadline: null, extra: { Date: '01/01/26' }, status: 'completed' });
  });

  it('never reads a colour rating how serious a finding is ("Category") as the action’s progress', () => {
    const reading = readPlans(
      wordText(lines([
        ['Audit', 'Rec', 'Category', 'Recommendation', 'Agreed action', 'Owner', 'Target date', 'Status update'],
        ['Grants 2013/14', '1', 'Red', 'Return monitoring forms', 'Hold second payments', 'CS Manager', '30/04/2014', 'Complete - none paid without a form.'],
        ['Grants 2013/14', '2', 'Amber', 'Sign agreements first', 'Issue a template', 'CS Manager', '30/06/2014', 'Not started - awaiting legal.'],
      ])),
      { fallbackTitle: 'follow-up' },
    );
    expect(reading.tables![0]!.columns.find((c) => c.heading === 'Category')!.field).toBeNull();
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.status, a.extra?.['Category']])).toEqual([
      ['1', 'completed', 'Red'],
      ['2', 'not-reported', 'Amber'],
    ]);
  });
});

describe('a sentence introducing the table', () => {
  it('is not the table’s caption, so it names no priority; a "Tracker" line above it is the title', () => {
    const reading = readPlans(
      wordText(lines([
        'Scrutiny Recommendation Tracker',
        'An example of how this information will be presented to Members; please see key below for further details.',
        ['Reference', 'Recommendation', 'Lead Officer', 'Status'],
        ['SR1', 'Publish the budget timetable', 'Head of Finance', 'Ongoing'],
      ])),
      { fallbackTitle: 'tracker' },
    );
    expect(reading.plans[0]!.title).toBe('Scrutiny Recommendation Tracker');
    expect(reading.plans[0]!.priorities.map((p) => p.title)).toEqual(['']);
  });
});
