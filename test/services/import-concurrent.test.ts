import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHistory } from '../../src/services/action-history.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, type Fixture } from '../store/cosmos-fixture.js';

describe('a revised import while leads are updating', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-06-01T09:00:00Z', tick: true });
    await setUpBodies(f.deps);
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: plan([planAction('1.1'), planAction('1.2')]), fileName: 'v1.csv', by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
  });
  afterAll(async () => f?.stop());

  it('loses no update and no plan change: both land, the pointer on the newest', async () => {
    const revised = plan([
      planAction('1.1', { deadline: '2018-06-30', deadlineText: 'June 2018', status: 'amber', update: 'Per the committee: delayed.' }),
      planAction('1.2', { action: 'Action 1.2, reworded' }),
    ]);
    const updates = Array.from({ length: 40 }, (_, i) =>
      recordUpdate(f.deps, { bodyId: 'test-pcg', ref: i % 2 === 0 ? '1.1' : '1.2', status: 'green', narrative: `Update ${i}`, author: CSO, source: 'command' }),
    );
    const [imported, ...recorded] = await Promise.all([importPlan(f.deps, { bodyId: 'test-pcg', plan: revised, fileName: 'v2.csv', by: COORDINATOR }), ...updates]);
    expect(imported.changes.changed.map((c) => c.ref)).toEqual(['1.1', '1.2']);
    for (const ref of ['1.1', '1.2']) {
      const h = await actionHistory(f.deps, { bodyId: 'test-pcg', ref });
      const mine = recorded.filter((r) => r.update.ref === ref);
      expect(h.updates.length).toBe(mine.length + (ref === '1.1' ? 1 : 0));
      expect(h.action.latest?.id).toBe(h.updates.at(-1)!.id);
      expect(h.action.plan).toMatchObject(ref === '1.1' ? { deadline: '2018-06-30' } : { action: 'Action 1.2, reworded' });
    }
  });
});
