import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanVersion } from '../../src/domain/action-record.js';
import { importPlan } from '../../src/services/import-plan.js';
import { PART_BYTES, splitPlanVersion, joinPlanVersion } from '../../src/store/plan-version-parts.js';
import { COORDINATOR, plan, planAction, setUpBodies, startFixture, type Fixture } from './cosmos-fixture.js';

/** 150 actions of ~2.4 KB each: a plan version of ~360 KB, stored as parts of at most 64 KB. */
const long = (ref: string, extra = '') => planAction(ref, { action: `Action ${ref}${extra} ${'with a long description of the work. '.repeat(60)}` });
const BIG = plan(Array.from({ length: 150 }, (_, i) => long(`${Math.floor(i / 50) + 1}.${(i % 50) + 1}`)));

type Doc = { container: string; id: string; type?: string };

describe('a plan version is stored in parts no bigger than a fixed size', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
    await setUpBodies(f.deps);
  });
  afterAll(async () => f?.stop());

  it('imports a big plan with no document over the part size, and reads the version back whole', async () => {
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: BIG, fileName: 'big.xlsx', by: COORDINATOR });
    const docs = (await f.dump()) as Doc[];
    const largest = Math.max(...docs.map((d) => Buffer.byteLength(JSON.stringify(d))));
    expect(largest).toBeLessThan(PART_BYTES + 2048);
    expect(docs.filter((d) => d.type === 'plan-version-part').length).toBeGreaterThanOrEqual(5);

    const version = await f.opened.store.readPlanVersion('test-pcg', 'plan:2017-18:v1');
    expect(version?.plan).toEqual(BIG);
    expect(version?.changes.added).toHaveLength(150);
    expect((await f.opened.store.listPlanVersions('test-pcg', '2017-18')).map((v) => v.version)).toEqual([1]);
  });

  it('writes nothing when the same plan comes again, and a new version in parts when it changed', async () => {
    const before = await f.dump();
    expect((await importPlan(f.deps, { bodyId: 'test-pcg', plan: BIG, fileName: 'big.xlsx', by: COORDINATOR })).unchanged).toBe(true);
    expect(await f.dump()).toEqual(before);

    const revised = plan([...BIG.priorities.flatMap((p) => p.actions).slice(1, 149), long('1.2', ' (revised)'), long('4.1')]);
    const result = await importPlan(f.deps, { bodyId: 'test-pcg', plan: revised, fileName: 'big-2.xlsx', by: COORDINATOR });
    expect(result.version).toBe(2);
    const v2 = await f.opened.store.readPlanVersion('test-pcg', 'plan:2017-18:v2');
    expect(v2?.plan.priorities.flatMap((p) => p.actions).map((a) => a.ref)).toEqual(revised.priorities.flatMap((p) => p.actions).map((a) => a.ref));
    expect(v2?.changes).toMatchObject({ added: ['4.1'], removed: ['1.1', '3.50'] });
    expect((await f.opened.store.listPlanVersions('test-pcg', '2017-18')).map((v) => v.version)).toEqual([1, 2]);
  });

  it('reads a version an earlier release stored whole, as it is', async () => {
    const { CosmosClient } = await import('@azure/cosmos');
    const client = new CosmosClient({ endpoint: f.server.endpoint, key: 'test', connectionPolicy: { enableEndpointDiscovery: false } });
    const whole: PlanVersion = {
      id: 'plan:2016-17:v1',
      bodyId: 'test-pcg',
      year: '2016-17',
      version: 1,
      plan: plan([planAction('1.1'), planAction('2.1')], 'PLAN 2016-2017'),
      fileName: 'old.csv',
      importedBy: COORDINATOR,
      importedAt: '2016-05-01T09:00:00.000Z',
      changes: { added: ['1.1', '2.1'], removed: [], changed: [], statusUpdates: [] },
    };
    await client.database(f.opened.database).container('partnership').items.create({ ...whole, type: 'plan-version' });
    client.dispose();
    expect(await f.opened.store.readPlanVersion('test-pcg', whole.id)).toEqual(whole);
    expect(await f.opened.store.listPlanVersions('test-pcg', '2016-17')).toEqual([whole]);
  });

  it('refuses a version whose parts are not all there, naming it', () => {
    const version: PlanVersion = {
      id: 'plan:2017-18:v9', bodyId: 'test-pcg', year: '2017-18', version: 9, plan: BIG, fileName: 'f', importedBy: COORDINATOR,
      importedAt: '2017-06-01T09:00:00.000Z', changes: { added: [], removed: [], changed: [{ ref: '1.1', fields: ['action'] }], statusUpdates: ['1.2'] },
    };
    const { head, parts } = splitPlanVersion(version, 16 * 1024);
    expect(parts.length).toBeGreaterThan(10);
    expect(joinPlanVersion(head, [...parts].reverse())).toEqual(version);
    expect(() => joinPlanVersion(head, parts.slice(1))).toThrow(`stored plan version plan:2017-18:v9 is incomplete: ${parts.length - 1} of its ${parts.length} parts were found`);
  });
});
