import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { carryForward } from '../../src/services/carry-forward.js';
import { createBody } from '../../src/services/create-body.js';
import { importPlan } from '../../src/services/import-plan.js';
import { closeAtYearEnd, leftOpen, yearEndReportOf } from '../../src/services/year-end.js';
import { seedPlans } from '../report/seed-report.js';
import { CHAIR, COORDINATOR, startFixture, STRANGER, TENANT, type Fixture } from '../store/cosmos-fixture.js';

/**
 * Seed 000's moment in the year, against the real Cosmos client: Purbeck's
 * 2016-17 plan imported with its progress column, then the 2017-18 plan.
 */
describe('the year end on seed 000', () => {
  let f: Fixture;
  const bodyId = 'purbeck-pcg';
  beforeAll(async () => {
    f = await startFixture({ now: '2017-04-10T09:00:00Z' });
    await createBody(f.deps, { id: 'dorset-csp', kind: 'csp', name: 'Dorset CSP', parentId: null, tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] });
    await createBody(f.deps, { id: bodyId, kind: 'pcg', name: 'Purbeck PCG', parentId: 'dorset-csp', tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] });
    const [old, next] = await seedPlans();
    await importPlan(f.deps, { bodyId, plan: old!, fileName: 'appendix-1.txt', by: COORDINATOR });
    f.setNow('2017-07-01T09:00:00Z');
    await importPlan(f.deps, { bodyId, plan: next!, fileName: 'appendix-2.txt', by: COORDINATOR });
  }, 60_000);
  afterAll(async () => f?.stop());

  it('stores the suggested links, with the coordinator\'s correction and refusal, and checks every link before writing', async () => {
    const before = await f.dump();
    await expect(
      carryForward(f.deps, { bodyId, year: '2017-18', by: COORDINATOR, link: [{ ref: '9.9', from: { year: '2016-17', ref: '4.7' } }, { ref: '2.6', from: { year: '2016-17', ref: '8.1' } }] }),
    ).rejects.toMatchObject({ code: 'input-invalid', problems: [expect.stringContaining('no action 9.9'), expect.stringContaining('2016-17 plan has no action 8.1')] });
    await expect(carryForward(f.deps, { bodyId, year: '2017-18', by: STRANGER })).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await f.dump()).toEqual(before);

    const result = await carryForward(f.deps, { bodyId, year: '2017-18', by: COORDINATOR, link: [{ ref: '2.6', from: { year: '2016-17', ref: '3.7' } }], noLink: ['1.1'] });
    expect(result.links.map((l) => `${l.ref}<${l.continues.ref}`)).toEqual(['2.2<4.5', '2.4<3.4', '2.6<3.7', '4.1<4.7', '5.1<4.1', '5.3<4.2', '5.4<4.3', '5.5<4.6']);
    expect(result.links.find((l) => l.ref === '2.6')!.continues.score).toBeNull();
    expect(result.links.find((l) => l.ref === '4.1')!.continues).toEqual({ year: '2016-17', ref: '4.7', score: 1 });

    // Run again (a re-import): nothing changes, and the refused 1.1 is not suggested again.
    const again = await carryForward(f.deps, { bodyId, year: '2017-18', by: COORDINATOR });
    expect(again).toMatchObject({ linked: [], unlinked: [] });
    expect(again.links).toEqual(result.links);
  });

  it("shows 4.7's updates, under their old ref, in the history of 4.1", async () => {
    const h = await actionHistory(f.deps, { bodyId, ref: '4.1' });
    expect(h.action.continues).toMatchObject({ year: '2016-17', ref: '4.7' });
    expect(h.earlier).toHaveLength(1);
    expect(h.earlier[0]!.action).toMatchObject({ year: '2016-17', ref: '4.7' });
    expect(h.earlier[0]!.updates.map((u) => [u.ref, u.status, u.narrative])).toEqual([['4.7', 'in-progress', 'Work has just started']]);
  });

  it('drafts the 2016-17 sign-off report: 3.1 and 4.4 with their reasons, 4.7 carried forward, 2.2 and 3.12 not reported', async () => {
    const report = await yearEndReportOf(f.deps, { bodyId, asAt: '2017-07-19' });
    expect(report).toMatchObject({ year: '2016-17', nextYear: '2017-18', counts: { total: 27, completed: 21, notCompleted: 2, notReported: 2, open: 2, carriedForward: 2 } });
    const reason = Object.fromEntries(report.exceptions.map((e) => [e.ref, e.reason]));
    expect(Object.keys(reason)).toEqual(['2.2', '3.1', '3.12', '4.4', '4.5', '4.7']);
    expect(reason['3.1']).toContain('Dog chipping now cannot be offered free by Margaret Green');
    expect(reason['4.4']).toBe('This action was proposed by the PCC Martyn Underhill');
    expect(reason['4.7']).toBe('Carried forward as action 4.1 of the 2017-18 plan. Work has just started.');
    expect(reason['4.5']).toMatch(/^Carried forward as action 2\.2 of the 2017-18 plan\./);
    expect(reason['2.2']).toMatch(/^No progress has been reported, was due March 2017\.$/);
    expect(reason['3.12']).toMatch(/^No progress has been reported/);
    expect(report.achievements.flatMap((p) => p.items.map((i) => i.ref))).toContain('4.6');
  });

  it('lists the open actions not carried forward, and a coordinator closes each with a status and reason', async () => {
    const open = await leftOpen(f.deps, { bodyId });
    expect(open.actions.map((a) => a.ref)).toEqual(['2.2', '3.12']);

    const before = await f.dump();
    await expect(closeAtYearEnd(f.deps, { bodyId, ref: '2.2', status: 'green', reason: 'Still going', by: COORDINATOR, source: 'cli' })).rejects.toMatchObject({
      code: 'input-invalid',
      message: expect.stringContaining('close with completed or not-completed'),
    });
    await expect(closeAtYearEnd(f.deps, { bodyId, ref: '2.2', status: 'not-completed', reason: '  ', by: COORDINATOR, source: 'cli' })).rejects.toMatchObject({ code: 'input-invalid' });
    await expect(closeAtYearEnd(f.deps, { bodyId, ref: '4.4', status: 'completed', reason: 'x', by: COORDINATOR, source: 'cli' })).rejects.toThrow(/already closed/);
    await expect(closeAtYearEnd(f.deps, { bodyId, ref: '7.7', status: 'completed', reason: 'x', by: COORDINATOR, source: 'cli' })).rejects.toMatchObject({ code: 'action-unknown' });
    await expect(closeAtYearEnd(f.deps, { bodyId, ref: '2.2', status: 'completed', reason: 'x', by: STRANGER, source: 'cli' })).rejects.toMatchObject({ code: 'not-allowed' });
    expect(await f.dump()).toEqual(before);

    f.setNow('2017-07-20T09:00:00Z');
    const closed = await closeAtYearEnd(f.deps, { bodyId, ref: '2.2', status: 'Not completed', reason: 'The Service Delivery Group no longer meets.', by: COORDINATOR, source: 'cli' });
    expect(closed).toMatchObject({ year: '2016-17', ref: '2.2', status: 'not-completed', author: COORDINATOR, source: 'cli', narrative: 'The Service Delivery Group no longer meets.' });
    expect((await leftOpen(f.deps, { bodyId })).actions.map((a) => a.ref)).toEqual(['3.12']);
    const report = await yearEndReportOf(f.deps, { bodyId, asAt: '2017-07-20' });
    expect(report.exceptions.find((e) => e.ref === '2.2')!.reason).toBe('The Service Delivery Group no longer meets.');
  });
});
