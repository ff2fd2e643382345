import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { wordText } from './plan-rows.js';

const DOC = [
  'West Dorset PCG Delivery Plan 2019/20',
  'Ref\tWhat we will do\tLead officer\tPartners\tTarget date\tProgress',
  'Priority 1 – Domestic abuse\t\t\t\t\t',
  '1.1\tPromote the White Ribbon campaign\tCommunity Safety Officer (CSO)\tDorset Police\tNov 2019\tGreen. Campaign launched',
  '1.2\tTrain front-line staff\tCSO\t\t31/01/2020\t',
  'Amber – half the staff trained\t\t\t\t\t',
  '',
  'West Dorset PCG Delivery Plan 2019/20',
  'Ref\tWhat we will do\tLead officer\tPartners\tTarget date\tProgress',
  'Priority 2 – Anti-social behaviour\t\t\t\t\t',
  '2.1\tReview the PSPO *CSP action\tAnti-Social Behaviour Officer (ASBO)\tTown Council\tTBC\tRed – legal advice awaited',
  '',
  'West Dorset PCG Delivery Plan 2020/21',
  'Ref\tWhat we will do\tLead officer\tPartners\tTarget date\tProgress',
  'Priority 1 – Domestic abuse\t\t\t\t\t',
  '1.1\tRefresh the DA pathway\tanti social behaviour officer\t\tMarch 2021\t',
].join('\n');

describe('readPlans on text copied out of a Word document laid out unlike the seeds', () => {
  const { plans, warnings } = readPlans(wordText(DOC), { fallbackTitle: 'west-dorset' });

  it('finds both plans in one document by their titles and restarted numbering', () => {
    expect(plans.map((p) => [p.title, planActions(p).map((a) => a.ref)])).toEqual([
      ['West Dorset PCG Delivery Plan 2019/20', ['1.1', '1.2', '2.1']],
      ['West Dorset PCG Delivery Plan 2020/21', ['1.1']],
    ]);
  });

  it('reads a separate lead column, partners, and a cell that fell onto its own line', () => {
    const [a11, a12, a21] = planActions(plans[0]!);
    expect(a11).toMatchObject({ lead: 'CSO', partners: ['Dorset Police'], deadline: '2019-11-30', status: 'green', update: 'Campaign launched' });
    expect(a12).toMatchObject({ lead: 'CSO', deadline: '2020-01-31', status: 'amber', update: 'half the staff trained' });
    expect(a21).toMatchObject({ lead: 'ASBO', partners: ['Town Council'], deadline: null, deadlineText: 'TBC', status: 'red', cspAction: true, action: 'Review the PSPO' });
    expect(planActions(plans[1]!)[0]).toMatchObject({ lead: 'ASBO' });
    expect(plans[0]!.priorities.map((p) => p.title)).toEqual(['Domestic abuse', 'Anti-social behaviour']);
  });

  it('warns about a deadline that is not a date', () => {
    expect(warnings).toEqual(['Line 11: action 2.1 has deadline "TBC", which is not a date: kept as written, with no deadline prompts']);
  });
});
