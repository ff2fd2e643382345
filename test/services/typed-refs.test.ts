import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTypedUpdate } from '../../src/domain/typed-update.js';
import { locateAction, refsInPlansOf } from '../../src/services/action-for-update.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, STRANGER, type Fixture } from '../store/cosmos-fixture.js';

/**
 * A lead whose plan numbers its actions its own way (a scrutiny review's R1,
 * a DA plan's "DAB 1", integers) types an update as they see the ref on
 * their cards, against the real Cosmos-compatible server.
 */
describe('typed updates in a plan’s own numbering', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-06-01T09:00:00Z' });
    await setUpBodies(f.deps);
    const numbered = plan([]);
    numbered.priorities = [{ number: 1, title: 'Recommendations', corporatePriority: null, actions: ['R1', 'R2', 'DAB 1', 'DAB 10', '7'].map((ref) => planAction(ref)) }];
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: numbered, fileName: 'review.docx', by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
  });
  afterAll(async () => f?.stop());

  it('knows the refs of the person’s plans, and no one else’s', async () => {
    expect((await refsInPlansOf(f.deps, CSO)).sort()).toEqual(['7', 'DAB 1', 'DAB 10', 'R1', 'R2']);
    expect(await refsInPlansOf(f.deps, STRANGER)).toEqual([]);
  });

  it('records "dab1 amber - …" on DAB 1 as the lead typed it', async () => {
    const typed = readTypedUpdate('dab1 amber - venue not confirmed', await refsInPlansOf(f.deps, CSO));
    expect(typed).toEqual({ kind: 'record', ref: 'DAB 1', status: 'amber', narrative: 'venue not confirmed' });
    const found = await locateAction(f.deps, { person: CSO, ref: typed!.ref });
    const done = await recordUpdate(f.deps, { bodyId: found.body.id, ref: found.action.ref, status: 'amber', narrative: 'venue not confirmed', author: CSO, source: 'command' });
    expect(done.action.ref).toBe('DAB 1');
    expect(done.action.latest?.status).toBe('amber');
  });

  it('finds an action by the ref as people type it (history r1, update dab 10)', async () => {
    expect((await locateAction(f.deps, { person: CSO, ref: 'r1' })).action.ref).toBe('R1');
    expect((await locateAction(f.deps, { person: CSO, ref: 'dab-10' })).action.ref).toBe('DAB 10');
    expect((await locateAction(f.deps, { person: CSO, ref: '7.' })).action.ref).toBe('7');
  });

  it('answers a ref the plans do not hold with the ones the person has', async () => {
    await expect(locateAction(f.deps, { person: CSO, ref: 'R9' })).rejects.toThrow(/no action R9 in Test PCG's 2017-18 plan; your actions are .*DAB 10.*R1/);
  });
});
