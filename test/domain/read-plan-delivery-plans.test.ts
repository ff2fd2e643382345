import { describe, expect, it } from 'vitest';
import { isTitleLike, withoutContentCaption } from '../../src/domain/classify-row.js';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import type { SourceRow } from '../../src/domain/source-row.js';
import { sheet } from './plan-rows.js';

/**
 * Strategy and delivery plans with progress columns (Police and Crime Plan
 * delivery plans, serious violence and VAWG action plans, LAA templates):
 * the rules their published layouts needed, each beside its fixture under
 * test/fixtures/published-plans/.
 */
const read = (rows: SourceRow[]) => readPlans(rows, { fallbackTitle: 'plan' });
const columnsOf = (rows: SourceRow[]) => read(rows).tables?.[0]?.columns;

describe('headings delivery plans use', () => {
  it('reads "R/A/G" as the rating, and the "Current Status of Action" beside it as the narrative (Thames Valley OPCC)', () => {
    const rows = sheet('Plan', [
      ['Actions', 'Timescale', 'Lead officer', 'Current Status of Action', 'R/A/G'],
      ['1.1 Monitor violent crime', 'Ongoing', 'GE', 'Burglary continues to fall.', 'A'],
    ]);
    expect(columnsOf(rows)?.map((c) => c.field)).toEqual(['action', 'deadline', 'lead', 'update', 'status']);
    expect(planActions(read(rows).plans[0]!)[0]).toMatchObject({ status: 'amber', update: 'Burglary continues to fall.' });
  });

  it('reads "What residents will see" as the outcome, and keeps "What we will do and when" beside a numbered Action (RBKC Council Plan Action Plan 2025-27)', () => {
    const rows = sheet('Plan', [
      ['Fairer: Our Deliverables'],
      ['Action', 'What we will do and when', 'What residents will see'],
      ['17. New Homes Programme.', '• Deliver 600 new homes\n• Barlby Road – June 2026 (83)', '• More affordable housing'],
    ]);
    expect(columnsOf(rows)?.map((c) => c.field)).toEqual(['action', null, 'outcome']);
    expect(read(rows).plans[0]!.priorities.map((p) => p.title)).toEqual(['Fairer']);
    expect(planActions(read(rows).plans[0]!)[0]).toMatchObject({
      ref: '17',
      action: 'New Homes Programme.',
      outcome: '• More affordable housing',
      extra: { 'What we will do and when': '• Deliver 600 new homes\n• Barlby Road – June 2026 (83)' },
    });
  });

  it('reads "Outputs/Outcomes" as the outcome, and keeps a second action column ("Future actions") beside it (Isle of Wight Corporate Plan appendix, 2003)', () => {
    const rows = sheet('Plan', [
      ['POLICY', 'ACTIONS', 'OUTPUTS/OUTCOMES', 'FUTURE ACTIONS', 'OUTPUTS/OUTCOMES'],
      ['Affordable housing for all', 'Bring empty properties back into use.', '30 empty properties brought back into use.', 'Continue to bring properties back into use', '50 further properties'],
    ]);
    expect(columnsOf(rows)?.map((c) => c.field)).toEqual([null, 'action', 'outcome', null, null]);
    expect(planActions(read(rows).plans[0]!)[0]).toMatchObject({
      action: 'Bring empty properties back into use.',
      outcome: '30 empty properties brought back into use.',
      extra: { 'FUTURE ACTIONS': 'Continue to bring properties back into use' },
    });
  });

  it.each([
    ['Fairer: Our Deliverables', 'Fairer'],
    ['Safer streets – Actions', 'Safer streets'],
    ['Domestic abuse - Action Plan', 'Domestic abuse'],
    ['Reducing reoffending – Key activities 2025/26', 'Reducing reoffending'],
    ['Hate crime: What we will do', 'Hate crime'],
    ['Hate crime: Our commitments', 'Hate crime'],
    ['Objective 1: Commitment to victims', 'Objective 1: Commitment to victims'],
    ['Safer roads: Outcomes', 'Safer roads: Outcomes'],
    ['Vulnerability – Delivery plan', 'Vulnerability – Delivery plan'],
    ['Anti-social behaviour', 'Anti-social behaviour'],
  ])('reads the priority title "%s" as "%s": words naming the table’s actions are no part of the theme', (written, title) => {
    expect(withoutContentCaption(written)).toBe(title);
  });

  it('strips the caption words from a priority caption above its table', () => {
    const rows = sheet('Plan', [['Safer streets – Key actions'], ['Action', 'Lead', 'Deadline'], ['Run the campaign', 'CSO', 'March 2026']]);
    expect(read(rows).plans[0]!.priorities.map((p) => p.title)).toEqual(['Safer streets']);
  });

  it('titles a Word plan by its heading, not by the name the reader gives its table (Hertfordshire SV delivery plan)', () => {
    const rows: SourceRow[] = [
      { kind: 'paragraph', cells: ['Serious Violence Strategy Delivery Plan V1.2'], where: 'Paragraph 1', exactColumns: true },
      ...[
        ['Action', 'Owner', 'Progress'],
        ['1.1.1 Deliver knife crime lessons in schools', 'SV Working Group', 'In Progress (amber)'],
      ].map((cells, i): SourceRow => ({ kind: 'table', cells, where: `Table 1 row ${i + 1}`, exactColumns: true, section: 'Table 1' })),
    ];
    expect(read(rows).plans[0]!.title).toBe('Serious Violence Strategy Delivery Plan V1.2');
  });

  it('titles the plan by its title line, not by the section line below it that names another plan (Thames Valley OPCC)', () => {
    const rows = sheet('Section 1', [
      ['Thames Valley OPCC Strategic Delivery Plan 2015/16 (as at 18.01.2016)'],
      ['SECTION 1 Objectives in support of Monitoring and Delivery of the PCC’s Police and Crime Plan'],
      ['Police and Crime Plan: Objective 1'],
      ['Cut crimes of most concern to the public and reduce reoffending'],
      ['This will be achieved by:\n- Effective investigation and enforcement'],
      ['Actions', 'Timescale', 'Lead officer', 'Current Status of Action'],
      ['1.1 Monitor violent crime', 'Ongoing', 'GE', 'Burglary continues to fall.'],
    ]);
    const plan = read(rows).plans[0]!;
    expect(plan.title).toBe('Thames Valley OPCC Strategic Delivery Plan 2015/16 (as at 18.01.2016)');
    expect(plan.priorities.map((p) => p.title)).toEqual(['Cut crimes of most concern to the public and reduce reoffending']);
  });

  it.each([
    ['SECTION 1 Objectives in support of the Police and Crime Plan', false],
    ['Priority 2: Delivery plan for the night-time economy', false],
    ['Objective B – Community Safety Plan actions', false],
    ['Aims and Objectives of the Community Safety Plan 2020-23', true],
    ['Community Safety Partnership Plan 2020-23', true],
  ])('"%s" may name the plan: %s', (text, titleLike) => {
    expect(isTitleLike(text)).toBe(titleLike);
  });

  it('reads a key drawn as painted cells without words, and reads painted ratings through it (Thames Valley OPCC)', () => {
    const GREEN = '00B050';
    const AMBER = 'FFC000';
    const rows = sheet('Plan', [
      ['RAG Risk Status is as follows:'],
      ['', 'Action completed'],
      ['', 'Action on track'],
      ['Strategic Delivery Plan 2015/16'],
      ['Actions', 'Lead officer', 'Current Status of Action', 'R/A/G'],
      ['1.1 Monitor violent crime', 'GE', 'Burglary continues to fall.', ''],
      ['1.2 Recruit rural Specials', 'AB', 'Twelve recruited.', ''],
    ]).map((row, i) => ({ ...row, fills: [[], [GREEN, null], [AMBER, null], [], [], [null, null, null, AMBER], [null, null, null, GREEN]][i]! }));
    const reading = read(rows);
    expect(reading.key).toEqual([
      { term: 'green', meaning: 'Action completed' },
      { term: 'amber', meaning: 'Action on track' },
    ]);
    expect(reading.ignored?.map((r) => r.text)).toEqual(['RAG Risk Status is as follows:', '(green cell) | Action completed', '(amber cell) | Action on track']);
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.status])).toEqual([
      ['1.1', 'green'],
      ['1.2', 'completed'],
    ]);
  });

  it('reads a swatch with no key label above it only when its meaning names a status', () => {
    const rows = sheet('Plan', [
      ['', 'Completed'],
      ['', 'Community Safety Partnership'],
      ['Action', 'Lead', 'RAG'],
      ['Recruit rural Specials', 'AB', ''],
    ]).map((row, i) => ({ ...row, fills: [['0070C0', null], ['00B050', null], [], [null, null, '0070C0']][i]! }));
    const reading = read(rows);
    expect(reading.key).toEqual([{ term: 'blue', meaning: 'Completed' }]);
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({ status: 'completed' });
  });

  it('keeps "Status of action" the status when no rating column is beside it', () => {
    const rows = sheet('Plan', [
      ['Action', 'Lead', 'Current status of action'],
      ['Train staff', 'CSP Manager', 'Completed – 40 trained'],
    ]);
    expect(planActions(read(rows).plans[0]!)[0]).toMatchObject({ status: 'completed' });
  });

  it('reads "Project Name" as the action and "Summary of Changes" as its report (Hampshire OPCC review)', () => {
    const rows = sheet('Review', [
      ['Project Name', 'Project Objective', 'Summary of Changes'],
      ['Services in Police Custody', 'One service to support all vulnerable prisoners', 'Three projects merged into one.'],
    ]);
    expect(columnsOf(rows)).toEqual([
      { heading: 'Project Name', field: 'action' },
      { heading: 'Project Objective', field: null },
      { heading: 'Summary of Changes', field: 'update' },
    ]);
  });

  it('reads "Delivery" as who leads, the first agency named (Essex LAA template)', () => {
    const rows = sheet('LAA', [
      ['Action description', 'Delivery', 'Estimated financial or other input'],
      ['Publish the casualty reduction strategy', 'Essex County Council, Essex Police', 'Staff time'],
    ]);
    expect(columnsOf(rows)?.map((c) => c.field)).toEqual(['action', 'lead', null]);
    expect(planActions(read(rows).plans[0]!)[0]).toMatchObject({ lead: 'Essex County Council' });
  });

  it('reads the "Aims" of a table with no action heading as its actions, not one priority each (Bexley VAWG plan)', () => {
    const rows = sheet('VAWG', [
      ['No.', 'Aims', 'Lead', 'Target Date'],
      ['1', 'Update Bexley VAWG Strategy', 'LBB', 'April 2028'],
      ['2', 'Referral processes clearly defined', 'LBB / Met', 'April 2025'],
    ]);
    const reading = read(rows);
    expect(reading.plans[0]!.priorities).toHaveLength(1);
    expect(planActions(reading.plans[0]!).map((a) => [a.ref, a.action, a.lead])).toEqual([
      ['1', 'Update Bexley VAWG Strategy', 'LBB'],
      ['2', 'Referral processes clearly defined', 'LBB'],
    ]);
  });
});

describe('themes written around the table', () => {
  it('takes the title on the line below a bare "Objective 1" label (Thames Valley OPCC)', () => {
    const rows = sheet('Plan', [
      ['Police and Crime Plan: Objective 1'],
      ['Cut crimes of most concern to the public and reduce reoffending'],
      ['Actions', 'Timescale', 'Lead officer'],
      ['1.1 Monitor violent crime', 'Ongoing', 'GE'],
    ]);
    expect(read(rows).plans[0]!.priorities[0]!.title).toBe('Cut crimes of most concern to the public and reduce reoffending');
  });

  it('does so again for the next objective, below the first one’s table', () => {
    const rows = sheet('Plan', [
      ['Police and Crime Plan: Objective 1'],
      ['Cut crimes of most concern to the public'],
      ['Actions', 'Timescale', 'Lead officer'],
      ['1.1 Monitor violent crime', 'Ongoing', 'GE'],
      ['Police and Crime Plan: Objective 2'],
      ['Increase public confidence'],
      ['2.1 Publish the survey results', 'March 2016', 'AB'],
    ]);
    const plan = read(rows).plans[0]!;
    expect(plan.priorities.map((p) => [p.title, p.actions.map((a) => a.ref)])).toEqual([
      ['Cut crimes of most concern to the public', ['1.1']],
      ['Increase public confidence', ['2.1']],
    ]);
    expect(planActions(plan)[0]!.action).toBe('Monitor violent crime');
  });

  it('takes a template’s "Priority" | value row above the table as its theme, before the table’s caption (Essex LAA)', () => {
    const rows = sheet('LAA', [
      ['Indicator', 'NI 47 Killed and seriously injured on Essex roads'],
      ['Priority', '(5) Essex roads are safer'],
      ['Thematic Partnership', 'Safer Essex Partnership'],
      ['Partners’ existing actions that contribute towards achieving the indicator target.'],
      ['Action description', 'Delivery'],
      ['Publish the strategy', 'Essex County Council'],
    ]);
    expect(read(rows).plans[0]!.priorities[0]!.title).toBe('(5) Essex roads are safer');
  });

  it('keeps "Priority 1.1 …" above the header as each action’s sub-heading, under the outcome (Hertfordshire SV plan)', () => {
    const rows = sheet('Plan', [
      ['Outcome 1 - A reduction in the number of people carrying knives (Prevention)'],
      ['Priority 1.1 We will seek to develop resilience. Priority Owner – HSCP'],
      ['Action', 'Owner', 'Progress Update', 'RAG Rating'],
      ['1.1.1 Engage young people', 'SSAG working group', 'Reviewing feedback.', 'In Progress (amber)'],
    ]);
    const plan = read(rows).plans[0]!;
    expect(plan.priorities[0]!.title).toBe('A reduction in the number of people carrying knives (Prevention)');
    expect(planActions(plan)[0]).toMatchObject({
      ref: '1.1.1',
      status: 'amber',
      extra: { 'Sub-heading': 'Priority 1.1 We will seek to develop resilience. Priority Owner – HSCP' },
    });
  });
});

describe('a RAG cell painted without words', () => {
  const painted = (fill: string): SourceRow[] => {
    const rows = sheet('Plan', [
      ['Actions', 'Lead officer', 'Current Status of Action', 'R/A/G'],
      ['1.1 Monitor violent crime', 'GE', 'Burglary continues to fall.', ''],
    ]);
    rows[1] = { ...rows[1]!, fills: [null, null, null, fill] };
    return rows;
  };

  it.each([
    ['00B050', 'green'],
    ['FFC000', 'amber'],
    ['FF0000', 'red'],
    ['0070C0', 'completed'],
  ] as const)('reads fill %s as %s, keeping the narrative', (fill, status) => {
    expect(planActions(read(painted(fill)).plans[0]!)[0]).toMatchObject({ status, update: 'Burglary continues to fall.' });
  });

  it('leaves a white or grey cell unrated: the status comes from the narrative', () => {
    expect(planActions(read(painted('D9D9D9')).plans[0]!)[0]).toMatchObject({ status: 'in-progress' });
  });
});

describe('plans that report by period', () => {
  it('reads the latest filled quarter as the update and keeps every quarter under its heading', () => {
    const rows = sheet('Plan', [
      ['Ref', 'Action', 'Lead', 'Target date', 'Q1 update (Apr-Jun)', 'Q2 update (Jul-Sep)', 'Q3 update (Oct-Dec)', 'Q4 update (Jan-Mar)', 'RAG'],
      ['ASB2', 'Launch a community trigger campaign', 'Comms Manager', 'Sept 2024', 'Campaign drafted', 'Delayed to October', 'Launched 14 Oct', '', 'Complete'],
      ['ASB3', 'Review the town centre PSPO', 'Licensing Manager', 'Q3 2024/25', 'Not started', '', '', '', 'A'],
    ]);
    const reading = read(rows);
    expect(reading.tables?.[0]?.columns.filter((c) => c.period).map((c) => [c.heading, c.field])).toEqual([
      ['Q1 update (Apr-Jun)', 'update'],
      ['Q2 update (Jul-Sep)', 'update'],
      ['Q3 update (Oct-Dec)', 'update'],
      ['Q4 update (Jan-Mar)', 'update'],
    ]);
    const [campaign, pspo] = planActions(reading.plans[0]!);
    expect(campaign).toMatchObject({ update: 'Launched 14 Oct', status: 'completed' });
    expect(campaign!.extra).toMatchObject({ 'Q1 update (Apr-Jun)': 'Campaign drafted', 'Q2 update (Jul-Sep)': 'Delayed to October', 'Q4 update (Jan-Mar)': '' });
    expect(pspo).toMatchObject({ update: 'Not started', status: 'amber' });
  });

  it('reads a progress heading spanning a line of quarters below it the same way ("Progress update" over "Q1 | Q2 | Q3 | Q4")', () => {
    const rows = sheet('Plan', [
      ['Ref', 'Action', 'Lead', 'Due', 'Progress update', '', '', '', 'RAG'],
      ['', '', '', '', 'Q1', 'Q2', 'Q3', 'Q4', ''],
      ['1.1', 'Deliver ASB awareness week', 'ASB Manager', 'Oct-24', 'Planning started', 'Venue booked', 'Delivered 14-18 Oct', '', 'Complete'],
    ]);
    const reading = read(rows);
    expect(reading.tables?.[0]?.columns.filter((c) => c.period).map((c) => c.heading)).toEqual(['Progress update Q1', 'Progress update Q2', 'Progress update Q3', 'Progress update Q4']);
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({
      update: 'Delivered 14-18 Oct',
      extra: { 'Progress update Q1': 'Planning started', 'Progress update Q2': 'Venue booked', 'Progress update Q3': 'Delivered 14-18 Oct', 'Progress update Q4': '' },
    });
  });

  it('reads the latest month’s RAG as the status ("RAG Jun 24 | RAG Sep 24 | RAG Dec 24")', () => {
    const rows = sheet('Plan', [
      ['Action', 'Lead', 'RAG Jun 24', 'RAG Sep 24', 'RAG Dec 24', 'Commentary'],
      ['1.1 Deliver bystander training', 'VAWG Coordinator', 'Red', 'Amber', '', 'Two sessions held'],
    ]);
    const reading = read(rows);
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({ status: 'amber', update: 'Two sessions held', extra: { 'RAG Jun 24': 'Red', 'RAG Sep 24': 'Amber', 'RAG Dec 24': '' } });
  });

  it('leaves one update column with a date in its heading as it is ("Progress update as at March 2024")', () => {
    const rows = sheet('Plan', [
      ['Action', 'Lead', 'Progress update as at March 2024', 'Comments'],
      ['1.1 Deliver bystander training', 'VAWG Coordinator', 'Two sessions held', 'More planned'],
    ]);
    const reading = read(rows);
    expect(reading.tables?.[0]?.columns.some((c) => c.period)).toBe(false);
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({ update: 'Two sessions held' });
  });
});
