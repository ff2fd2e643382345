import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { cspRollup } from '../../src/services/csp-rollup.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { ASBRO, COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, STRANGER, type Fixture } from '../store/cosmos-fixture.js';

describe('importPlan against a real Cosmos-compatible server', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
    await setUpBodies(f.deps);
  });
  afterAll(async () => f?.stop());

  const first = plan([
    planAction('1.1', { status: 'green', update: 'Going well.' }),
    planAction('1.2'),
    planAction('2.1', { cspAction: true, lead: 'ASBRO', support: [] }),
    planAction('2.2', { status: 'not-completed', update: 'No funding.' }),
  ]);

  it('imports a plan: actions, and the file’s statuses as updates by the importing coordinator, marked imported', async () => {
    const result = await importPlan(f.deps, { bodyId: 'test-pcg', plan: first, fileName: 'plan.csv', by: COORDINATOR });
    expect(result).toMatchObject({ year: '2017-18', version: 1, unchanged: false });
    expect(result.changes.added).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(result.changes.statusUpdates).toEqual(['1.1', '2.2']);
    const h = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.1' });
    expect(h.updates).toHaveLength(1);
    expect(h.updates[0]).toMatchObject({ status: 'green', narrative: 'Going well.', source: 'import', planVersion: 1, author: COORDINATOR });
    expect(h.action.latest?.id).toBe(h.updates[0]!.id);
  });

  it('importing the same plan again changes nothing at all', async () => {
    const before = await f.dump();
    const again = await importPlan(f.deps, { bodyId: 'test-pcg', plan: structuredClone(first), fileName: 'plan-copy.csv', by: COORDINATOR });
    expect(again).toMatchObject({ unchanged: true, version: 1 });
    expect(await f.dump()).toEqual(before);
  });

  it('a revised plan matches by ref, keeps history, reports added, removed and changed, and deletes no update', async () => {
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'cso', person: CSO, by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'ASBRO', person: ASBRO, by: COORDINATOR });
    f.setNow('2017-07-01T09:00:00Z');
    const lead = await recordUpdate(f.deps, { bodyId: 'test-pcg', ref: '1.1', status: 'amber', narrative: 'Slipping: venue lost.', author: CSO, source: 'card' });
    f.setNow('2017-08-01T09:00:00Z');
    const revised = plan([
      planAction('1.1', { status: 'green', update: 'Going well.', deadline: '2018-06-30', deadlineText: 'June 2018' }),
      planAction('2.1', { cspAction: true, lead: 'ASBRO', support: [] }),
      planAction('2.2', { status: 'completed', update: 'Funded after all.' }),
      planAction('3.1'),
    ]);
    const result = await importPlan(f.deps, { bodyId: 'test-pcg', plan: revised, fileName: 'plan-v2.csv', by: COORDINATOR });
    expect(result).toMatchObject({ version: 2, unchanged: false });
    expect(result.changes.added).toEqual(['3.1']);
    expect(result.changes.removed).toEqual(['1.2']);
    expect(result.changes.changed).toEqual([
      { ref: '1.1', fields: ['deadline', 'deadlineText'] },
      { ref: '2.2', fields: ['status', 'update'] },
    ]);
    expect(result.changes.statusUpdates).toEqual(['2.2']);

    const h11 = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.1' });
    expect(h11.updates.map((u) => [u.status, u.source])).toEqual([
      ['green', 'import'],
      ['amber', 'card'],
    ]);
    expect(h11.action.latest?.id).toBe(lead.update.id);
    expect(h11.action.plan.deadline).toBe('2018-06-30');

    const h22 = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '2.2' });
    expect(h22.updates.map((u) => [u.status, u.planVersion])).toEqual([
      ['not-completed', 1],
      ['completed', 2],
    ]);
    const h12 = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.2' });
    expect(h12.action.removedInVersion).toBe(2);
    await expect(recordUpdate(f.deps, { bodyId: 'test-pcg', ref: '1.2', status: 'green', narrative: '', author: CSO, source: 'card' })).rejects.toMatchObject({ code: 'action-unknown' });
  });

  it('rolls *CSP action actions up to the CSP, leaving them in the PCG’s plan', async () => {
    const rolled = await cspRollup(f.deps, { cspId: 'test-csp' });
    expect(rolled).toHaveLength(1);
    expect(rolled[0]).toMatchObject({ pcgId: 'test-pcg', year: '2017-18' });
    expect(rolled[0]!.actions.map((a) => [a.bodyId, a.ref])).toEqual([['test-pcg', '2.1']]);
  });

  it('refuses an import by someone who is not a coordinator or chair, writing nothing', async () => {
    const before = await f.dump();
    await expect(importPlan(f.deps, { bodyId: 'test-pcg', plan: first, fileName: 'x.csv', by: STRANGER })).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await f.dump()).toEqual(before);
  });

  it('files a plan whose title names no year (as most published plans) under the financial year of its deadlines', async () => {
    const vawg = plan([planAction('1.1', { deadline: '2019-09-30' }), planAction('1.2', { deadline: '2020-01-31' }), planAction('1.3', { deadline: '2020-06-30' })], 'VAWG Action Plan');
    const result = await importPlan(f.deps, { bodyId: 'test-csp', plan: vawg, fileName: 'vawg.xlsx', by: COORDINATOR });
    expect(result).toMatchObject({ year: '2019-20', version: 1 });
    expect((await f.deps.store.readBody('test-csp'))!.value.currentPlanYear).toBe('2019-20');
  });
});
