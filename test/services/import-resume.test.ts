import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../src/services/create-body.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import type { PartnershipStore } from '../../src/store/store.port.js';
import { CHAIR, COORDINATOR, plan, planAction, setUpBodies, startFixture, TENANT, type Fixture } from '../store/cosmos-fixture.js';

/** A store that stops (throws) after `writes` writes: an import cut off half way. */
function stoppingAfter(store: PartnershipStore, writes: number): PartnershipStore {
  let done = 0;
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (/^(create|save|replace|claim)/.test(String(name)) && done++ >= writes) return Promise.reject(new Error('simulated stop'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const PLAN = plan([
  planAction('1.1', { status: 'green', update: 'Going well.' }),
  planAction('1.2'),
  planAction('2.1', { status: 'red', update: 'Stalled.' }),
  planAction('2.2'),
]);

describe('an import that stopped half way, run again', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
    await setUpBodies(f.deps);
  });
  afterAll(async () => f?.stop());

  async function state(bodyId: string) {
    const actions = await f.opened.store.listActions(bodyId, '2017-18');
    const updates = await Promise.all(actions.map((a) => f.opened.store.listUpdates(bodyId, a.value.id)));
    const versions = await f.opened.store.listPlanVersions(bodyId, '2017-18');
    const head = await f.opened.store.readPlanHead(bodyId, '2017-18');
    const body = await f.opened.store.readBody(bodyId);
    return JSON.parse(
      JSON.stringify({ actions: actions.map((a) => a.value), updates, versions, head: head?.value, year: body?.value.currentPlanYear }).replaceAll(`"${bodyId}"`, '"B"'),
    ) as unknown;
  }

  it('ends exactly as one uninterrupted import, wherever it stopped', async () => {
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: PLAN, fileName: 'plan.csv', by: COORDINATOR });
    const clean = await state('test-pcg');
    for (let writes = 0; writes <= 9; writes++) {
      const bodyId = `resume-${writes}`;
      await createBody(f.deps, { id: bodyId, kind: 'pcg', name: `Resume ${writes}`, parentId: 'test-csp', tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] });
      const stopping: ServiceDeps = { ...f.deps, store: stoppingAfter(f.opened.store, writes) };
      const first = await importPlan(stopping, { bodyId, plan: PLAN, fileName: 'plan.csv', by: COORDINATOR }).then(
        () => 'finished',
        (error: Error) => error.message,
      );
      expect(first).toBe(writes < 9 ? 'simulated stop' : 'finished');
      const again = await importPlan(f.deps, { bodyId, plan: PLAN, fileName: 'plan.csv', by: COORDINATOR });
      // Stopped after the head moved (8 writes): the plan is in; only the body's current year was left.
      if (writes < 8) expect(again.changes, `stopped after ${writes} writes`).toEqual({ added: ['1.1', '1.2', '2.1', '2.2'], removed: [], changed: [], statusUpdates: ['1.1', '2.1'] });
      expect(await state(bodyId), `stopped after ${writes} writes`).toEqual(clean);
    }
  });
});
