import { beforeAll, describe, expect, it } from 'vitest';
import { planActions, type PlanReading } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { readSeed000, SEED_000_NAME } from '../fixtures/seed-000.js';

/** ref, deadline, status, lead, CSP flag: as the committee reads seed 000's tables. */
type Row = [ref: string, deadline: string | null, status: string, lead: string, csp: boolean];

const PLAN_2016_17: Row[] = [
  ['1.1', '2016-11-30', 'completed', 'GM-PHH', false],
  ['1.2', '2017-03-31', 'completed', 'CSO', false],
  ['1.3', null, 'completed', 'ASBRO', false],
  ['2.1', null, 'completed', 'HO', false],
  ['2.2', '2017-03-31', 'not-reported', 'HO', false],
  ['3.1', '2016-09-30', 'not-completed', 'TO Environment Team', false],
  ['3.2', '2016-12-31', 'completed', 'TO Environment Team', false],
  ['3.3', '2017-03-31', 'completed', 'TO Environment Team', false],
  ['3.4', '2017-03-31', 'completed', 'TO Environment Team', false],
  ['3.5', '2017-03-31', 'completed', 'ASBRO', false],
  ['3.6', '2017-03-31', 'completed', 'ASBRO', false],
  ['3.7', '2016-10-31', 'completed', 'ASBRO', false],
  ['3.8', '2017-03-31', 'completed', 'ASBRO', true],
  ['3.9', '2017-03-31', 'completed', 'ASBRO', true],
  ['3.10', '2017-03-31', 'completed', 'ASBRO', true],
  ['3.11', '2016-12-31', 'completed', 'Public Health Technical Officer', false],
  ['3.12', '2017-03-31', 'not-reported', 'ASBRO', false],
  ['4.1', '2017-03-31', 'completed', 'CSO', false],
  ['4.2', '2017-03-31', 'completed', 'CSO', false],
  ['4.3', '2016-05-31', 'completed', 'CSO', false],
  ['4.4', '2016-12-31', 'not-completed', 'Community Safety Spokesperson', false],
  ['4.5', '2017-10-31', 'green', 'ASBRO', false],
  ['4.6', '2017-03-31', 'completed', 'CSO', false],
  ['4.7', '2018-03-31', 'in-progress', 'LO', false],
  ['4.8', '2018-04-30', 'completed', 'LO', false],
  ['4.9', '2017-03-31', 'completed', 'LO', false],
  ['4.10', '2016-12-31', 'completed', 'ASBRO', false],
];

const PLAN_2017_18: Row[] = [
  ['1.1', '2018-03-31', 'not-reported', 'CSO', false],
  ['1.2', '2017-09-30', 'not-reported', 'CSO', false],
  ['1.3', '2017-12-31', 'not-reported', 'CSO', false],
  ['2.1', '2017-07-31', 'not-reported', 'ASBRO', false],
  ['2.2', '2017-10-31', 'not-reported', 'ASBRO', false],
  ['2.3', '2018-03-31', 'not-reported', 'TO-ET', false],
  ['2.4', '2018-03-31', 'not-reported', 'TO-ET', false],
  ['2.5', '2018-03-31', 'not-reported', 'ASBRO', false],
  ['2.6', '2018-03-31', 'not-reported', 'ASBRO', false],
  ['2.7', '2018-03-31', 'not-reported', 'CSO', true],
  ['2.8', '2018-03-31', 'not-reported', 'CSO', true],
  ['3.1', '2018-03-31', 'not-reported', 'CSO', false],
  ['3.2', '2018-03-31', 'not-reported', 'CSO', false],
  ['4.1', '2018-03-31', 'not-reported', 'LO', false],
  ['5.1', '2018-03-31', 'not-reported', 'CSO', false],
  ['5.2', '2018-03-31', 'not-reported', 'CSO', true],
  ['5.3', '2018-03-31', 'not-reported', 'CSO', false],
  ['5.4', '2017-05-31', 'not-reported', 'CSO', false],
  ['5.5', '2017-03-31', 'not-reported', 'CSO', false],
  ['5.6', '2017-12-31', 'not-reported', 'CSO', false],
  ['5.7', '2018-03-31', 'not-reported', 'CSO', false],
];

describe('seed 000: the Purbeck 2016-17 and 2017-18 plans, read from the report text', () => {
  let reading: PlanReading;
  beforeAll(async () => {
    reading = await readPlanFile(await readSeed000(), SEED_000_NAME);
  });

  it('finds both plans with their titles', () => {
    expect(reading.plans.map((p) => p.title)).toEqual([
      'Purbeck Crime and Disorder Reduction Plan 2016-2017',
      'CRIME AND DISORDER REDUCTION PLAN 2017-2018',
    ]);
  });

  it.each([
    ['2016-17', 0, PLAN_2016_17],
    ['2017-18', 1, PLAN_2017_18],
  ] as const)('reads every action of the %s plan: ref, deadline, status, lead, CSP flag', (_name, index, expected) => {
    const actions = planActions(reading.plans[index]!);
    expect(actions.map((a) => [a.ref, a.deadline, a.status, a.lead, a.cspAction])).toEqual(expected);
  });

  it('reads priorities with their corporate priority lines, across page breaks and merged cells', () => {
    const [plan16, plan17] = reading.plans;
    expect(plan16!.priorities.map((p) => [p.number, p.title, p.corporatePriority])).toEqual([
      [1, 'Serious sexual offences, including sexual offences against children and young people', 'Enhancing local communities and involvement'],
      [2, 'Domestic abuse-related violent crime', 'Enhancing local communities and involvement'],
      [3, 'Antisocial behaviour', 'Enhancing local communities and involvement'],
      [4, 'Cross Cutting Actions – Mental Health, Substance Misuse, Alcohol related violent crime, Commercial Robbery, Under reporting, Acquisitive Crime.', 'Enhancing local communities and involvement'],
    ]);
    expect(plan17!.priorities.map((p) => p.title)).toEqual([
      'Sexual Violence including sexual offences against children and young people, 2. Domestic Abuse Violent Crime',
      'Anti-social behaviour',
      'Hate Crime',
      'Violent Crime',
      'Cross cutting actions',
    ]);
  });

  it('keeps narratives whole, including a cell that fell onto its own line', () => {
    const byRef = new Map(planActions(reading.plans[0]!).map((a) => [a.ref, a]));
    expect(byRef.get('3.1')).toMatchObject({
      status: 'not-completed',
      update:
        "Whilst 2 events haven't been held dog chipping and dog watch are actively promoted. Dog chipping now cannot be offered free by Margaret Green Animal Rescue due to a change in legislation.",
    });
    expect(byRef.get('4.5')?.update).toBe('Will go to Policy Group in July 2017');
    expect(byRef.get('4.10')?.update).toBe('Action completed.\nEngagement Day held on 1st June.\nEngagement week held in October\nEvaluation to follow');
    expect(byRef.get('3.8')?.action).toBe('Continue to monitor the use of the ASB Tools and Powers and share good practice between local authorities');
  });

  it('reads leads, supporting roles and partner organisations', () => {
    const byRef = new Map(planActions(reading.plans[0]!).map((a) => [a.ref, a]));
    expect(byRef.get('1.1')).toMatchObject({ lead: 'GM-PHH', support: ['HO', 'CSO'] });
    expect(byRef.get('1.3')).toMatchObject({ lead: 'ASBRO', support: ['LO'], partners: ['Taxi Trade', 'Licensees'] });
    expect(byRef.get('3.6')).toMatchObject({ lead: 'ASBRO', support: ['EP Team'] });
    expect(byRef.get('4.10')).toMatchObject({ lead: 'ASBRO', support: ['CSO'], partners: ['Dorset Police', 'DCC'] });
    const roles = new Map(reading.plans[1]!.roles.map((r) => [r.key, r.name]));
    expect(roles.get('ASBRO')).toBe('Anti Social Behaviour Reduction Officer');
    expect(roles.get('GM-PHH')).toBe('General Manager Public Health and Housing');
    expect(roles.get('TO-ET')).toBe('Technical Officer Environment Team');
  });
});
