import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { problemsOf, sheet } from './plan-rows.js';

const HEADER = ['Ref', 'Action', 'Success measure', 'Outcome', 'Lead / partners', 'Target date', 'Progress'];

describe('readPlans on a layout unlike the seeds', () => {
  const rows = sheet('Rural PCG 2024-25', [
    ['Rural Partnership Co-ordinating Group Action Plan 2024-25'],
    [],
    HEADER,
    ['Priority 1: Rural crime'],
    ['1.1', 'Run farm watch surgeries *CSP action', 'Four surgeries held', 'More intelligence', 'Rural Crime Officer (RCO), Dorset Police', 'Sept 2024', 'Amber – two held so far'],
    ['1.2', 'Mark farm machinery', 'Kits issued', 'Fewer thefts', 'Lead: RCO\nPartners: NFU', { kind: 'date', iso: '2025-01-15' }, ''],
    ['2. Road safety'],
    ['Corporate priority – Safer roads'],
    ['2.1', 'Speed watch training', 'Volunteers trained', 'Lower speeds', 'Lead - Road Safety Officer and RCO', 'Ongoing', 'RED: no volunteers yet'],
    ['2.10', 'Tenth action', 'x', 'y', 'RCO', '31/03/2025', 'COMPLETED'],
  ]);

  it('reads headers by meaning, the ref column, merged priority rows and every cell', () => {
    const { plans, warnings } = readPlans(rows, { fallbackTitle: 'rural' });
    expect(plans).toHaveLength(1);
    const plan = plans[0]!;
    expect(plan.title).toBe('Rural Partnership Co-ordinating Group Action Plan 2024-25');
    expect(plan.priorities.map((p) => [p.number, p.title, p.corporatePriority])).toEqual([
      [1, 'Rural crime', null],
      [2, 'Road safety', 'Safer roads'],
    ]);
    const [a11, a12, a21, a210] = planActions(plan);
    expect(a11).toMatchObject({
      ref: '1.1',
      action: 'Run farm watch surgeries',
      cspAction: true,
      lead: 'RCO',
      partners: ['Dorset Police'],
      deadline: '2024-09-30',
      status: 'amber',
      update: 'two held so far',
      measure: 'Four surgeries held',
      outcome: 'More intelligence',
      source: 'Sheet "Rural PCG 2024-25" row 5',
    });
    expect(a12).toMatchObject({ lead: 'RCO', partners: ['NFU'], deadline: '2025-01-15', status: 'not-reported' });
    expect(a21).toMatchObject({ lead: 'Road Safety Officer', support: ['RCO'], deadline: null, deadlineText: 'Ongoing', status: 'red' });
    expect(a210).toMatchObject({ ref: '2.10', deadline: '2025-03-31', status: 'completed', update: '' });
    expect(warnings).toEqual([
      'Sheet "Rural PCG 2024-25" row 9: action 2.1 has deadline "Ongoing", which is not a date: kept as written, with no deadline prompts',
    ]);
  });

  it('starts a new plan on a new sheet whose numbering restarts', () => {
    const second = sheet('2025-26', [['Action Plan 2025-26'], HEADER, ['1. Rural crime'], ['1.1', 'Again', 'm', 'o', 'RCO', 'March 2026', '']]);
    const { plans } = readPlans([...rows, ...second], { fallbackTitle: 'rural' });
    expect(plans.map((p) => [p.title, planActions(p).length])).toEqual([
      ['Rural Partnership Co-ordinating Group Action Plan 2024-25', 4],
      ['Action Plan 2025-26', 1],
    ]);
  });

  it('lists every problem with where it is and what to write instead', () => {
    const bad = sheet('Plan', [
      HEADER,
      ['1. Rural crime'],
      ['1.1', 'One', 'm', 'o', 'RCO', 'Sept 20166', ''],
      ['1.2', 'Two', 'm', 'o', 'RCO', { kind: 'formula', formula: 'EOMONTH(B2,0)' }, ''],
      ['1.1', 'One again', 'm', 'o', 'RCO', 'March 2018', ''],
      ['1.3', 'Three', 'm', 'o', 'RCO', '31/02/2018', ''],
    ]);
    expect(problemsOf(() => readPlans(bad, { fallbackTitle: 'plan' }))).toEqual([
      'Sheet "Plan" row 4: the DEADLINE cell holds a formula (=EOMONTH(B2,0)); replace it with its value (copy the cells, then Paste Special → Values)',
      'Sheet "Plan" row 5: action 1.1 appears twice (first at Sheet "Plan" row 3); give each action its own number',
      'Sheet "Plan" row 3: deadline "Sept 20166" is not a date; use e.g. "Sept 2016" or "30/09/2016"',
      'Sheet "Plan" row 6: deadline "31/02/2018" is not a date; use e.g. "Sept 2016" or "30/09/2016"',
    ]);
  });

  it('says so when a file holds no plan', () => {
    const noTable = sheet('Sheet1', [['Minutes of the meeting'], ['Present: the chair']]);
    expect(problemsOf(() => readPlans(noTable, { fallbackTitle: 'minutes' }))[0]).toMatch(/^minutes: no action table found; the plan needs a header row/);
    const noActions = sheet('Sheet1', [HEADER, ['Nothing yet']]);
    expect(problemsOf(() => readPlans(noActions, { fallbackTitle: 'x' }))[0]).toMatch(
      /^Sheet "Sheet1" row 1: a table header was found but no actions under it/,
    );
    expect(problemsOf(() => readPlans([], { fallbackTitle: 'empty' }))[0]).toMatch(/no action table found/);
  });
});

describe('readPlans with unnumbered priority headings', () => {
  it('takes a short line alone before a new priority’s first action as its heading', () => {
    const rows = sheet('Plan', [
      ['Action', 'Measures', 'Lead', 'Deadline', 'Progress'],
      ['Fraud'],
      ['1.1 Promote Friends Against Scams', 'Sessions held', 'CSO', 'Dec 2021', ''],
      ['Good progress so far'],
      ['Priority: Public place violence'],
      ['Corporate priority – Safer streets'],
      ['2.1 Work with the Cardiff Model project', 'Data shared', 'CSO', 'March 2022', ''],
    ]);
    const { plans } = readPlans(rows, { fallbackTitle: 'plan' });
    const plan = plans[0]!;
    expect(plan.priorities.map((p) => [p.number, p.title, p.corporatePriority])).toEqual([
      [1, 'Fraud', null],
      [2, 'Public place violence', 'Safer streets'],
    ]);
    // Within one priority the lone line is the action's own cell that fell onto a line of its own.
    expect(planActions(plan)[0]).toMatchObject({ ref: '1.1', update: 'Good progress so far', status: 'in-progress' });
  });

  it('numbers actions written 1, 2, 3 within each priority as 1.1, 1.2, 2.1', () => {
    const rows = sheet('Plan', [
      ['No.', 'Action', 'Lead', 'Target date', 'RAG'],
      ['Domestic abuse'],
      ['1', 'Run the campaign', 'CSO', 'Nov 2021', 'Green'],
      ['2', 'Train staff', 'CSO', 'Jan 2022', 'Amber – half done'],
      ['Hate crime'],
      ['1', 'Third party reporting', 'CSO', 'March 2022', 'Red – no venue'],
    ]);
    const { plans } = readPlans(rows, { fallbackTitle: 'plan' });
    expect(plans[0]!.priorities.map((p) => [p.number, p.title, p.actions.map((a) => [a.ref, a.status])])).toEqual([
      [1, 'Domestic abuse', [['1.1', 'green'], ['1.2', 'amber']]],
      [2, 'Hate crime', [['2.1', 'red']]],
    ]);
  });
});

describe('readPlans on an exception report headed by section codes', () => {
  const rows = sheet('Exceptions', [
    ['Improvement Plan Exception Report (February 2010)'],
    ['Ref', 'Action', 'Lead Officer / Directorate', 'Original completion date', 'Revised date', 'RAG (Feb 10)', 'Comment'],
    ['CP1: Town Centre', '', '', '', '', '', ''],
    ['1.1', 'Area Action Plan - submit for examination', 'Head of Planning', 'Dec-09', 'June 2010', 'Red', 'Behind'],
    ['1.2', 'Market Hall options appraisal', 'Head of Planning', '31/03/2010', '', 'Green', 'On target'],
    ['CP3 – Sense of Community', '', '', '', '', '', ''],
    ['3.3.6', 'Equality data monitoring', 'Community Safety Manager', 'Q4 2009/10', '2010/11', 'Amber', 'One month behind'],
  ]);

  it('reads "CP1: Town Centre" alone on its row as the heading of the priority its refs number, not as an action', () => {
    const { plans } = readPlans(rows, { fallbackTitle: 'exceptions' });
    expect(plans[0]!.priorities.map((p) => [p.number, p.title, p.actions.map((a) => a.ref)])).toEqual([
      [1, 'CP1: Town Centre', ['1.1', '1.2']],
      [3, 'CP3 – Sense of Community', ['3.3.6']],
    ]);
  });

  it('keeps a coded row out of the headings when the refs below it number another priority', () => {
    const other = sheet('Codes', [
      ['Ref', 'Action', 'Lead', 'Target date', 'Progress'],
      ['A1: Map the hotspots', '', '', '', ''],
      ['2.1', 'Patrol the hotspots', 'Police Sergeant', 'Sept 2024', 'Green'],
    ]);
    const priorities = readPlans(other, { fallbackTitle: 'codes' }).plans[0]!.priorities;
    expect(priorities.map((p) => p.title)).not.toContain('A1: Map the hotspots');
    expect(priorities.map((p) => p.number)).toEqual([1, 2]);
  });
});
