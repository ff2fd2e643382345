import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { problemsOf, sheet } from './plan-rows.js';

/**
 * Layouts that published UK partnership plans use and the seeds do not (issue
 * 11's failure classes): each read as its committee would read it.
 */
describe('a header worded the council’s own way, with columns the reader does not know', () => {
  const rows = sheet('Delivery plan', [
    ['Safer Communities Delivery Plan 2024/25'],
    ['Ref', 'Action (what we will do)', 'Lead officer and agency', 'Budget (£)', 'Timescale', 'RAG Q3', 'Progress update as at 31 March 2025', 'Notes'],
    ['Outcome 1 – People feel safe in town centres'],
    ['1a', 'Run a town-centre ASB surgery each month', 'ASB Coordinator, Borough Council', '£2,000', 'March 2025', 'Green', 'Surgeries held monthly since May', 'Joint with the BID'],
    ['1b', 'Map the hotspots with the police analyst', 'Police Analyst', 'nil', '31/12/2024', 'Amber', 'Data sharing agreement awaited', ''],
    ['Outcome 2 – Fewer repeat victims'],
    ['2a', 'Refer repeat victims to the hub', 'Victim Hub Manager', '', 'Sept 2024', 'Red', '', 'Funding ends'],
  ]);
  const reading = readPlans(rows, { fallbackTitle: 'delivery' });
  const [a1a, a1b, a2a] = planActions(reading.plans[0]!);

  it('finds the table and maps every heading, keeping unknown ones as extra columns', () => {
    expect(reading.tables).toEqual([
      {
        where: 'Sheet "Delivery plan" row 2',
        columns: [
          { heading: 'Ref', field: 'ref' },
          { heading: 'Action (what we will do)', field: 'action' },
          { heading: 'Lead officer and agency', field: 'lead' },
          { heading: 'Budget (£)', field: null },
          { heading: 'Timescale', field: 'deadline' },
          { heading: 'RAG Q3', field: 'status' },
          { heading: 'Progress update as at 31 March 2025', field: 'update' },
          { heading: 'Notes', field: null },
        ],
      },
    ]);
    expect(a1a).toMatchObject({ extra: { 'Budget (£)': '£2,000', Notes: 'Joint with the BID' } });
    expect(a1b!.extra).toEqual({ 'Budget (£)': 'nil', Notes: '' });
  });

  it('reads refs with letters, "Outcome n –" headings, and status from the RAG column with the narrative from the update column', () => {
    expect(reading.plans[0]!.title).toBe('Safer Communities Delivery Plan 2024/25');
    expect(reading.plans[0]!.priorities.map((p) => [p.number, p.title])).toEqual([
      [1, 'People feel safe in town centres'],
      [2, 'Fewer repeat victims'],
    ]);
    expect(a1a).toMatchObject({ ref: '1a', status: 'green', update: 'Surgeries held monthly since May', deadline: '2025-03-31', lead: 'ASB Coordinator' });
    expect(a1b).toMatchObject({ ref: '1b', status: 'amber', update: 'Data sharing agreement awaited', lead: 'Police Analyst' });
    expect(a2a).toMatchObject({ ref: '2a', status: 'red', update: '', extra: { 'Budget (£)': '', Notes: 'Funding ends' } });
  });
});

describe('a plan without refs, its theme in a column', () => {
  const header = ['Theme', 'We will', 'Lead', 'By when', 'Progress'];
  const rows = sheet('Plan', [
    header,
    ['Domestic abuse', 'Train 200 front-line staff in DA awareness', 'DA Coordinator', 'June 2025', 'Completed – 214 trained'],
    ['', 'Launch the perpetrator programme', 'Probation', 'Dec 2025', ''],
    ['Domestic abuse', 'Review the MARAC referral pathway', 'Police', 'March 2026', 'Started'],
    ['Hate crime', 'Open two third-party reporting centres', 'Community Safety Team', 'Oct 2025', 'Amber – one open'],
  ]);
  const reading = readPlans(rows, { fallbackTitle: 'themes' });

  it('gives each action its own row (a filled theme cell never glues it to the one above) and numbers them within each theme', () => {
    const plan = reading.plans[0]!;
    expect(plan.priorities.map((p) => [p.number, p.title, p.actions.map((a) => a.ref)])).toEqual([
      [1, 'Domestic abuse', ['1.1', '1.2', '1.3']],
      [2, 'Hate crime', ['2.1']],
    ]);
    expect(planActions(plan).map((a) => [a.action, a.lead, a.status])).toEqual([
      ['Train 200 front-line staff in DA awareness', 'DA Coordinator', 'completed'],
      ['Launch the perpetrator programme', 'Probation', 'not-reported'],
      ['Review the MARAC referral pathway', 'Police', 'in-progress'],
      ['Open two third-party reporting centres', 'Community Safety Team', 'amber'],
    ]);
  });

  it('says once that the actions were numbered in order', () => {
    expect(reading.warnings.filter((w) => /no number in the plan/.test(w))).toEqual([
      'Sheet "Plan" row 2: 4 actions have no number in the plan; numbered in order within each priority (1.1, 1.2…), the numbers people use in updates',
    ]);
  });
});

describe('refs as plans write them', () => {
  it('reads codes, three levels and integers that count on across priorities', () => {
    const rows = sheet('Plan', [
      ['No.', 'Recommendation', 'Owner', 'Target date', 'Status'],
      ['Priority 1: Violence'],
      ['cs1', 'Adopt the Cardiff Model', 'Public Health', 'March 2025', 'On hold'],
      ['cs2', 'Fund street pastors', 'CSP Manager', 'March 2025', 'Green'],
      ['Priority 2: ASB'],
      ['1.1.1', 'Publish the ASB case review guide', 'ASB Officer', 'May 2025', 'Completed'],
      ['A1', 'Set up the youth diversion panel', 'Youth Justice Service', 'Sept 2025', ''],
    ]);
    const plan = readPlans(rows, { fallbackTitle: 'refs' }).plans[0]!;
    expect(plan.priorities.map((p) => [p.number, p.actions.map((a) => a.ref)])).toEqual([
      [1, ['cs1', 'cs2', '1.1.1']],
      [2, ['A1']],
    ]);
  });

  it('reads a ref at the start of the action text, and a letter code per section', () => {
    const rows = sheet('Plan', [
      ['Action', 'Lead', 'Deadline', 'Update'],
      ['A1 Map the night-time economy', 'Licensing Officer', 'June 2025', 'Green'],
      ['A2 Train door staff', 'Licensing Officer', 'July 2025', ''],
      ['B1 Review CCTV coverage', 'CCTV Manager', 'Aug 2025', ''],
    ]);
    const plan = readPlans(rows, { fallbackTitle: 'codes' }).plans[0]!;
    expect(plan.priorities.map((p) => p.actions.map((a) => [a.ref, a.action]))).toEqual([
      [['A1', 'Map the night-time economy'], ['A2', 'Train door staff']],
      [['B1', 'Review CCTV coverage']],
    ]);
  });
});

describe('a key above the table', () => {
  const rows = sheet('Plan', [
    ['Key: Blue = Complete; Green = On track; Amber = Some slippage; Red = Off track'],
    ['Ref', 'Action', 'Lead', 'Deadline', 'RAG', 'Comments'],
    ['1.1', 'Refresh the strategy', 'CSP Manager', 'April 2025', 'Blue', 'Signed off in April'],
    ['1.2', 'Commission the needs assessment', 'Public Health', 'Sept 2025', 'Green', ''],
  ]);
  const reading = readPlans(rows, { fallbackTitle: 'key' });

  it('is read as the key, not as actions, and its words say what a colour means', () => {
    expect(reading.key).toEqual([
      { term: 'blue', meaning: 'Complete' },
      { term: 'green', meaning: 'On track' },
      { term: 'amber', meaning: 'Some slippage' },
      { term: 'red', meaning: 'Off track' },
    ]);
    expect(reading.ignored).toEqual([{ where: 'Sheet "Plan" row 1', text: 'Key: Blue = Complete; Green = On track; Amber = Some slippage; Red = Off track', why: 'the key' }]);
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.status, a.update])).toEqual([
      ['1.1', 'completed', 'Signed off in April'],
      ['1.2', 'green', ''],
    ]);
  });

  it('reads a key laid out as a label and colour/meaning pairs', () => {
    const pairs = sheet('Plan', [
      ['RAG key'],
      ['Green', 'Complete'],
      ['Amber', 'In progress'],
      ['Action', 'Lead', 'Deadline', 'RAG'],
      ['1.1 Refresh the strategy', 'CSP Manager', 'April 2025', 'Green'],
    ]);
    const read = readPlans(pairs, { fallbackTitle: 'pairs' });
    expect(read.ignored!.map((r) => r.where)).toEqual(['Sheet "Plan" row 1', 'Sheet "Plan" row 2', 'Sheet "Plan" row 3']);
    expect(planActions(read.plans[0]!)[0]).toMatchObject({ status: 'completed' });
  });

  it('reads a key introduced by a sentence, and a colour meaning "on track or completed" as on track (Thames Valley OPCC, 2015/16)', () => {
    const rows = sheet('Plan', [
      ['RAG Risk Status is as follows:'],
      ['G', 'Action on-track or successfully completed (C)'],
      ['A', 'Work on action not on-track or at risk'],
      ['R', 'Action off-track'],
      ['Action', 'Lead', 'Deadline', 'RAG'],
      ['1.1 Refresh the strategy', 'CSP Manager', 'April 2025', 'G'],
      ['1.2 Recruit the analyst', 'CSP Manager', 'May 2025', 'A'],
    ]);
    const read = readPlans(rows, { fallbackTitle: 'tv' });
    expect(read.ignored!.map((r) => r.why)).toEqual(['the key', 'the key', 'the key', 'the key']);
    expect(planActions(read.plans[0]!).map((a) => [a.ref, a.status])).toEqual([
      ['1.1', 'green'],
      ['1.2', 'amber'],
    ]);
  });
});

describe('leads', () => {
  it('takes the first agency or team named when no role is, with or without "Lead –"', () => {
    const rows = sheet('Plan', [
      ['Ref', 'Action', 'Lead and partners', 'Deadline'],
      ['1.1', 'Run Operation Nightsafe', 'Dorset Police, BCP Council, Street Pastors', 'Dec 2025'],
      ['1.2', 'Fit target-hardening kits', 'Housing Team', 'Dec 2025'],
    ]);
    const [a, b] = planActions(readPlans(rows, { fallbackTitle: 'leads' }).plans[0]!);
    expect(a).toMatchObject({ lead: 'Dorset Police', partners: ['BCP Council'] });
    expect(b).toMatchObject({ lead: 'Housing Team' });
  });

  it('keeps the commas of a job title the plan defines', () => {
    const rows = sheet('Plan', [
      ['The Head of Community Safety, Housing and Regulatory Services (HCSHRS) leads the partnership.'],
      ['Ref', 'Action', 'Lead', 'Deadline'],
      ['1.1', 'Chair the tasking group', 'Head of Community Safety, Housing and Regulatory Services', 'Dec 2025'],
    ]);
    const [a] = planActions(readPlans(rows, { fallbackTitle: 'title' }).plans[0]!);
    expect(a).toMatchObject({ lead: 'HCSHRS', support: [] });
  });
});

describe('when no table is found', () => {
  it('shows the rows that came closest and what they lacked, not a list of headings to copy', () => {
    const rows = sheet('Sheet1', [['Annual report'], ['Meeting', 'Date', 'Venue'], ['Tasking group', '3 March 2025', 'Town hall']]);
    const [problem] = problemsOf(() => readPlans(rows, { fallbackTitle: 'report' }));
    expect(problem).toContain('The rows that came closest: Sheet "Sheet1" row 2 ("Meeting | Date | Venue") names DEADLINE but lacks an ACTION column');
    expect(problem).toContain('--column');
  });

  it('reads a column as the coordinator says with --column', () => {
    const rows = sheet('Sheet1', [['Item', 'Piece of work', 'Owner'], ['1.1', 'Agree the protocol', 'CSP Manager']]);
    const plain = readPlans(rows, { fallbackTitle: 'x' });
    expect(planActions(plain.plans[0]!)[0]).toMatchObject({ action: '', extra: { 'Piece of work': 'Agree the protocol' } });
    const reading = readPlans(rows, { fallbackTitle: 'x', columns: new Map([['piece of work', 'action']]) });
    expect(reading.tables![0]!.columns).toContainEqual({ heading: 'Piece of work', field: 'action' });
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({ ref: '1.1', action: 'Agree the protocol', lead: 'CSP Manager' });
  });
});

describe('timescales that lean on the plan’s year', () => {
  const rows = (title: string) =>
    sheet('Plan', [[title], ['Ref', 'Action', 'Lead', 'Target date'], ['1.1', 'Review the ASB policy', 'CSP Manager', 'December'], ['1.2', 'Refresh the JSNA', 'Public Health', 'Q3'], ['1.3', 'Publish the annual report', 'CSP Manager', 'Year end']]);

  it('falls in the financial year the title names', () => {
    const actions = planActions(readPlans(rows('Safer Anytown Action Plan 2025/26'), { fallbackTitle: 'x' }).plans[0]!);
    expect(actions.map((a) => [a.ref, a.deadline, a.deadlineText])).toEqual([['1.1', '2025-12-31', 'December'], ['1.2', '2025-12-31', 'Q3'], ['1.3', '2026-03-31', 'Year end']]);
  });

  it('with no year in the title, asks for the year of a month written alone', () => {
    expect(problemsOf(() => readPlans(rows('Safer Anytown Action Plan'), { fallbackTitle: 'x' }))).toContain('Sheet "Plan" row 3: deadline "December" is not a date; add the year, e.g. "December 2018"');
  });
});

describe('a plan kept in Microsoft Planner and exported to Excel', () => {
  // Planner's "Export plan to Excel" columns, in its order: the task's bucket and urgency sit right of its name.
  const rows = sheet('Tasks', [
    ['Task ID', 'Task Name', 'Bucket Name', 'Progress', 'Priority', 'Assigned To', 'Created By', 'Due Date', 'Labels'],
    ['Sv4x1', 'Deliver bystander training to licensed premises staff', 'Night-time economy', 'In progress', 'Important', 'Sam Patel;Jo Reed', 'Alex Hale', '30/09/2025', 'Safer Streets'],
    ['Sv4x2', 'Refresh the Community Trigger guidance', 'ASB', 'Completed', 'Urgent', 'Alex Hale', 'Alex Hale', '31/03/2026', ''],
  ]);

  it('reads who a task is assigned to as its lead, the others assigned as its support', () => {
    const actions = planActions(readPlans(rows, { fallbackTitle: 'Safer Streets plan' }).plans[0]!);
    expect(actions.map((a) => [a.action, a.lead, a.support, a.status, a.deadline])).toEqual([
      ['Deliver bystander training to licensed premises staff', 'Sam Patel', ['Jo Reed'], 'in-progress', '2025-09-30'],
      ['Refresh the Community Trigger guidance', 'Alex Hale', [], 'completed', '2026-03-31'],
    ]);
    expect(actions[0]!.extra).toMatchObject({ 'Bucket Name': 'Night-time economy', Priority: 'Important' });
  });

  it('groups by a column the coordinator names the priority, wherever it sits', () => {
    const reading = readPlans(rows, { fallbackTitle: 'Safer Streets plan', columns: new Map([['bucket name', 'priority'], ['priority', null]]) });
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => a.action)])).toEqual([
      ['Night-time economy', ['Deliver bystander training to licensed premises staff']],
      ['ASB', ['Refresh the Community Trigger guidance']],
    ]);
  });
});

describe('a monthly performance report laid out as councils publish them', () => {
  // Layout of "Appendix 2 – Monthly Performance Report November 2018" (a joint council business plan report): a key
  // table with symbols above the plan, theme rows, "Measure" naming what is tracked, leads written surname first.
  const rows = sheet('Report', [
    ['Key to symbols'],
    ['Colour', 'Symbol', 'Meaning for Joint Business Plan Measures'],
    ['Red', '▲', 'Significantly behind schedule'],
    ['Green', '★', 'Delivering to plan'],
    ['Joint Programme Measures – Protected, Green and Clean'],
    ['Measure', 'Director/Lead Officer', 'Last Milestone', 'Status', 'Commentary'],
    ['JBP1.1.1 Maintain waste and recycling services', 'Kane, Graeme / Potter, Ed', 'Online booking in place', 'Green', 'On track'],
    ['JBP1.1.3 Tackle environmental crime', 'Kane, Graeme', 'Staff trained', 'Red', 'Fly-tipping up'],
  ]);
  const reading = readPlans(rows, { fallbackTitle: 'report' });

  it('reads the key table, takes the tracked measure as the action, and keeps names written surname first whole', () => {
    expect(reading.key).toEqual([
      { term: 'red', meaning: 'Significantly behind schedule' },
      { term: 'green', meaning: 'Delivering to plan' },
    ]);
    expect(reading.ignored!.map((r) => r.where)).toEqual(['Sheet "Report" row 1', 'Sheet "Report" row 2', 'Sheet "Report" row 3', 'Sheet "Report" row 4']);
    const [a, b] = planActions(reading.plans[0]!);
    expect(a).toMatchObject({ ref: 'JBP1.1.1', action: 'Maintain waste and recycling services', lead: 'Kane, Graeme', support: ['Potter, Ed'], status: 'green', update: 'On track' });
    expect(b).toMatchObject({ ref: 'JBP1.1.3', status: 'red', extra: { 'Last Milestone': 'Staff trained' } });
    expect(reading.plans[0]!.priorities[0]!.title).toBe('Joint Programme Measures – Protected, Green and Clean');
  });
});
