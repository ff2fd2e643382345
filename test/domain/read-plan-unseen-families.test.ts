import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelledRefAtStart } from '../../src/domain/action-refs.js';
import { bareHeadingNumber, priorityHeading } from '../../src/domain/classify-row.js';
import { parseDeadline } from '../../src/domain/deadline.js';
import { planActions } from '../../src/domain/plan.js';
import { matchHeading } from '../../src/domain/plan-columns.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { collectRoleDefinitions, parseResources } from '../../src/domain/roles.js';
import type { SourceRow } from '../../src/domain/source-row.js';
import { sheet } from './plan-rows.js';

/*
 * Rules found by reading plans of families the published-plan fixtures did not yet hold, as a stranger would
 * (issue 11): Coventry's rough sleeping action plan (2022), Clackmannanshire's housing services improvement plan
 * (2008), Buckinghamshire's homelessness and rough sleeping action plan (2022-25), East Ayrshire's SOA
 * improvement plan (2017) and Argyll and Bute's SOA delivery plan (2014).
 */

const none = collectRoleDefinitions([]);

/** Rows as a Word document gives them: paragraphs, then a table's rows with exact columns. */
function word(paragraphs: string[], table: string[][]): SourceRow[] {
  return [
    ...paragraphs.map((text, i): SourceRow => ({ kind: 'paragraph', cells: [text], where: `Paragraph ${i + 1}`, exactColumns: true })),
    ...table.map((cells, i): SourceRow => ({ kind: 'table', cells, where: `Table 1 row ${i + 1}`, exactColumns: true, section: 'Table 1' })),
  ];
}

describe('headings in the plural, milestones, improvements and years', () => {
  it.each([
    ['Target Dates', 'deadline'],
    ['Lead Officers', 'lead'],
    ['Key Milestones', 'action'],
    ['Improvement', 'priority'],
    ['Year', 'deadline'],
    ['Target /outcome', 'outcome'],
  ])('reads "%s" as %s', (heading, field) => {
    expect(matchHeading(heading)[0]?.field).toBe(field);
  });

  it('leaves an action column the action when milestones sit beside it', () => {
    const reading = readPlans(
      sheet('Plan', [
        ['Ref', 'Action', 'Measures', 'Lead', 'Planned Milestones'],
        ['1', 'Share collision data monthly', 'Data shared', 'NCC', 'First report in June'],
      ]),
      { fallbackTitle: 'plan' },
    );
    expect(reading.tables![0]!.columns).toContainEqual({ heading: 'Action', field: 'action' });
    expect(planActions(reading.plans[0]!)[0]).toMatchObject({ action: 'Share collision data monthly', extra: { 'Planned Milestones': 'First report in June' } });
  });
});

describe('a span of financial years', () => {
  it('reads "2017-20" as due at the end of its last financial year', () => {
    expect(parseDeadline('2017-20')).toEqual({ kind: 'due', due: '2020-03-31', text: '2017-20' });
  });

  it('ends every span of 2 to 10 years written "YYYY-YY" on 31 March of the later year; one year apart it is one financial year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2085 }), fc.integer({ min: 1, max: 10 }), (start, years) => {
        const later = start + years;
        const text = `${start}-${String(later % 100).padStart(2, '0')}`;
        expect(parseDeadline(text)).toEqual({ kind: 'due', due: `${later}-03-31`, text });
      }),
    );
  });

  it.each(['2017-30', '2017-15'])('still refuses "%s", which names no plan period', (text) => {
    expect(parseDeadline(text).kind).toBe('invalid');
  });
});

describe('a step named before its date', () => {
  it.each([
    ['Draft September 2007\nAnd annual thereafter', '2007-09-30'],
    ['Review March 2025', '2025-03-31'],
    ['Until March 2025', '2025-03-31'],
  ])('reads "%s" as due on the date, keeping the words', (text, due) => {
    expect(parseDeadline(text)).toMatchObject({ kind: 'due', due });
  });

  it.each(['Commence April 2009', 'Since April 2020', 'Draft Sept 20166'])('gives "%s" no due date', (text) => {
    expect(parseDeadline(text).kind).not.toBe('due');
  });
});

describe('an action opening with its kind before its number', () => {
  it('takes the number as the ref and keeps the word in the text', () => {
    expect(labelledRefAtStart('Prevention 1.1: Develop a multi-agency process')).toEqual({ ref: '1.1', rest: 'Prevention: Develop a multi-agency process' });
    expect(labelledRefAtStart('Recovery 1.2:Develop a process')).toEqual({ ref: '1.2', rest: 'Recovery: Develop a process' });
  });

  it.each(['Prevention work across the city', 'Version 1.1 of the protocol agreed', 'Prevention 1: Develop'])('finds no ref in "%s"', (text) => {
    expect(labelledRefAtStart(text)).toBeNull();
  });

  it('reads the plan as numbered, under the priority its caption names, not the line saying what success looks like', () => {
    const reading = readPlans(
      sheet('Action Plan', [
        ['Priority area for the people who use our services: 1. Finding the right accommodation'],
        ['What success looks like?: Former rough sleepers maintain accommodation for 6 months +'],
        ['Actions', 'Due date', 'Who', 'Evidencing success'],
        ['Prevention 1.1: Develop a multi-agency process to pre-plan moves', 'April 2023', 'RSMT', 'Non-reoccurring'],
        ['Recovery 1.2: Develop a process to avoid complex people in one location', 'April 2023', 'RSMT/RSAG/ Voids Panel', 'Non-reoccurring'],
      ]),
      { fallbackTitle: 'plan' },
    );
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.lead])])).toEqual([
      ['Finding the right accommodation', [['1.1', 'RSMT'], ['1.2', 'RSMT']]],
    ]);
    expect(reading.warnings.some((w) => w.includes('no number'))).toBe(false);
  });
});

describe('team abbreviations joined by slashes', () => {
  it('reads each as a team, the first leading, whatever their length', () => {
    expect(parseResources('RSMT/RSAG/ Voids Panel', none, { leadColumn: true })).toMatchObject({
      lead: { key: 'RSMT' },
      support: [{ key: 'RSAG' }],
      partners: ['Voids Panel'],
    });
  });

  it('takes a key line "ABBR – Name" as the team’s definition when the initials spell it', () => {
    const defs = collectRoleDefinitions(['Key', 'RSMT – Rough sleeper management team', 'CRMC – Coventry refugee and migrant centre', 'Q3 – figures awaited']);
    expect(parseResources('RSMT/CRMC', defs, { leadColumn: true })).toMatchObject({
      lead: { key: 'RSMT', name: 'Rough sleeper management team' },
      support: [{ key: 'CRMC', name: 'Coventry refugee and migrant centre' }],
    });
    expect(defs.byAbbreviation.has('Q3')).toBe(false);
  });

  it('takes no team in brackets after another name as its definition ("Planning Policy (EHDC)")', () => {
    const defs = collectRoleDefinitions(['Contract placed and agreed with Planning Policy (EHDC)', 'Agreed with the Anti Social Behaviour Reduction Officer (ASBRO)']);
    expect(defs.byAbbreviation.has('EHDC')).toBe(false);
    expect(defs.byAbbreviation.get('ASBRO')?.name).toBe('Anti Social Behaviour Reduction Officer');
  });

  it('reads a bullet before a name as no part of it', () => {
    expect(parseResources('• Police\n• Community Safety Officer', none, { leadColumn: true }).lead).toEqual({
      key: 'Community Safety Officer',
      name: 'Community Safety Officer',
    });
  });
});

describe('milestones beside the ref and improvement they deliver, merged down', () => {
  const reading = readPlans(
    sheet('Housing', [
      ['Communities Scotland Recommendation: Introduce a robust system for gathering service users’ views'],
      ['Ref No.', 'Improvement', 'Key Milestones', 'Target Dates', 'Responsible Person', 'Monitoring & Reporting'],
      ['HS1', 'Service users views will inform service improvements', 'Gather service views for all areas', 'August 2008', 'Francine Abercrombie', 'Work Plan'],
      ['', '', 'Standardise customer satisfaction cards.', 'August 2008', 'Michelle Flynn', 'Service Work Plan'],
      ['', '', 'continued: one card for every service', '', '', 'Service Partners'],
      ['HS2', '100% of staff receive an annual PRD meeting', 'Annual staff conference on PRD', 'October 2007', 'Kenny Hutton', 'SMT'],
    ]),
    { fallbackTitle: 'plan' },
  );

  it('reads each milestone with its own date and person as a step numbered under the group’s ref', () => {
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.deadline, a.lead])])).toEqual([
      [
        'Service users views will inform service improvements',
        [
          ['HS1.1', '2008-08-31', 'Francine Abercrombie'],
          ['HS1.2', '2008-08-31', 'Michelle Flynn'],
        ],
      ],
      ['100% of staff receive an annual PRD meeting', [['HS2', '2007-10-31', 'Kenny Hutton']]],
    ]);
  });

  it('still reads a line with no date or person of its own as more of the step above', () => {
    expect(planActions(reading.plans[0]!)[1]!.action).toBe('Standardise customer satisfaction cards.\ncontinued: one card for every service');
  });
});

describe('priority numbers written as words', () => {
  it('reads "Priority four" as priority 4', () => {
    expect(bareHeadingNumber('Priority four')).toBe(4);
    expect(priorityHeading('Objective Two: Safer streets', true)).toMatchObject({ number: 2, title: 'Safer streets' });
    expect(priorityHeading('Four people trained', true)).toBeNull();
  });

  it('numbers unnumbered actions under it', () => {
    const reading = readPlans(
      sheet('Priority 4', [
        ['Priority four'],
        ['To prevent anyone having to sleep rough'],
        ['Action', 'Target /outcome', 'Year'],
        ['Deliver the Housing First initiative', 'Clear understanding of costs and benefits', 'Year 1'],
      ]),
      { fallbackTitle: 'plan' },
    );
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.deadline, a.deadlineText])])).toEqual([
      ['To prevent anyone having to sleep rough', [['4.1', null, 'Year 1']]],
    ]);
  });
});

describe('a local outcome with priorities numbered under it, spanning the table', () => {
  const reading = readPlans(
    word(
      [],
      [
        ['Area for improvement', 'Proposed Action', 'Timescale', 'Lead Responsibility'],
        ['Local Outcome 1 : Local economic activity increased', '', '', ''],
        ['Priority 1.1: Grow the business base', '', '', ''],
        ['Annual number of visitors (Increase)', '• Review the tourism indicator', '2017/18', 'East Ayrshire Council\nPlanning and Economic Development'],
        ['', '• Implement the Tourism Action Plan 2016/2020.', '2017-20', 'East Ayrshire Council'],
        ['Priority 1.3: Improve the vibrancy of our town centres', '', '', ''],
        ['Vacant town centre buildings (Reduction)', '• Consider the list of buildings\n• Continue the grant scheme', '2017/18', 'East Ayrshire Council'],
      ],
    ),
    { fallbackTitle: 'plan' },
  );
  const actions = planActions(reading.plans[0]!);

  it('keeps the outcome as the priority and numbers each action under its sub-heading', () => {
    expect(reading.plans[0]!.priorities.map((p) => p.title)).toEqual(['Local economic activity increased']);
    expect(actions.map((a) => [a.ref, a.action, a.deadline])).toEqual([
      ['1.1.1', 'Review the tourism indicator', '2018-03-31'],
      ['1.1.2', 'Implement the Tourism Action Plan 2016/2020.', '2020-03-31'],
      // Two bullets in one cell are lettered after the row's number, as every bulleted cell is.
      ['1.3.1a', 'Consider the list of buildings', '2018-03-31'],
      ['1.3.1b', 'Continue the grant scheme', '2018-03-31'],
    ]);
  });

  it('keeps the area for improvement merged down on every action beside it, never across a sub-heading', () => {
    expect(actions.map((a) => a.extra?.['Area for improvement'])).toEqual([
      'Annual number of visitors (Increase)',
      'Annual number of visitors (Increase)',
      'Vacant town centre buildings (Reduction)',
      'Vacant town centre buildings (Reduction)',
    ]);
  });
});

describe('bulleted cells other than the action', () => {
  it('reads the status, update, deadline and lead through their bullets', () => {
    const reading = readPlans(
      word(
        [],
        [
          ['Ref', 'Action', 'Lead', 'Deadline', 'Progress'],
          ['1.1', 'Hold two hate crime awareness events', '• Community Safety Officer\n• Police', '• Sept 2017', '• COMPLETED\nBoth events held.'],
        ],
      ),
      { fallbackTitle: 'plan' },
    );
    expect(planActions(reading.plans[0]!).map((a) => [a.status, a.update, a.deadline, a.lead])).toEqual([
      ['completed', 'Both events held.', '2017-09-30', 'Community Safety Officer'],
    ]);
  });
});

describe('an outcome heading followed by the partners delivering it', () => {
  it('keeps the heading as the priority of the table below', () => {
    const reading = readPlans(
      word(
        ['OUTCOME 1: The economy is diverse and thriving', 'Community Planning Partners delivering on this outcome: Argyll and Bute Council (ABC)'],
        [
          ['Equality outcome', 'Lead organisation'],
          ['More women in leadership roles', 'ABC'],
        ],
      ),
      { fallbackTitle: 'plan' },
    );
    expect(reading.plans[0]!.priorities.map((p) => [p.title, p.actions.map((a) => [a.ref, a.lead])])).toEqual([
      ['The economy is diverse and thriving', [['1.1', 'ABC']]],
    ]);
  });

  it('drops a heading followed by running text, which heads a section of prose', () => {
    const reading = readPlans(
      word(
        ['1. Introduction', 'The partnership reviews its progress every quarter.'],
        [
          ['Action', 'Lead'],
          ['Train staff', 'CSP Manager'],
        ],
      ),
      { fallbackTitle: 'plan' },
    );
    expect(reading.plans[0]!.priorities[0]!.title).not.toBe('Introduction');
  });
});
