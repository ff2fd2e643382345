import { createRequire } from 'node:module';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './cosmos-fixture.js';

/**
 * The local Cosmos-compatible server is carried with two fixes
 * (`patches/`, applied by `patch-package` on install). These fail when an
 * install did not apply them: every query would again cost O(N²) in the
 * container's documents, and run twice.
 */
type CompiledQuery = { code: string };
const require = createRequire(import.meta.url);
const compile = (require('@zeit/cosmosdb-query') as { default: (sql: string) => CompiledQuery }).default;

describe('the patched local Cosmos-compatible server', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(async () => f?.stop());

  it('compiles a query to one pass over the documents, never a spread of the rows kept so far', () => {
    for (const sql of [
      'SELECT * FROM c WHERE c.bodyId = @bodyId AND c.type = @type',
      'SELECT VALUE t FROM c JOIN t IN c.tags WHERE c.n < 3',
      'SELECT * FROM c WHERE EXISTS(SELECT VALUE m FROM m IN c.meetings WHERE m >= @from)',
    ]) {
      const { code } = compile(sql);
      expect(code).toContain('.flatMap(');
      expect(code).not.toMatch(/\[\s*\.\.\.\$\s*,/);
    }
  });

  it('answers the client’s query-plan request with a plan, without running the query', async () => {
    const response = await fetch(`${f.server.endpoint}/dbs/${f.opened.database}/colls/partnership/docs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/query+json',
        'x-ms-cosmos-is-query-plan-request': 'True',
        'x-ms-documentdb-isquery': 'True',
      },
      // A query the server would refuse to run: the plan request never runs it.
      body: JSON.stringify({ query: 'SELECT * FROM c JOIN t IN c.tags', parameters: [] }),
    });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as { queryInfo?: { aggregates: unknown[] }; queryRanges?: unknown[]; Documents?: unknown };
    expect(plan.Documents).toBeUndefined();
    expect(plan.queryInfo?.aggregates).toEqual([]);
    expect(plan.queryRanges).toHaveLength(1);
  });

  it('still answers queries through the real client, rows and values alike', async () => {
    const client = new CosmosClient({ endpoint: f.server.endpoint, key: 'test', connectionPolicy: { enableEndpointDiscovery: false } });
    const container = client.database(f.opened.database).container('partnership');
    await container.items.create({ id: 'q-1', bodyId: 'q', type: 'probe', tags: ['a', 'b'], n: 1 });
    await container.items.create({ id: 'q-2', bodyId: 'q', type: 'probe', tags: ['c'], n: 2 });
    const rows = await container.items.query<{ id: string }>({ query: 'SELECT * FROM c WHERE c.bodyId = @b ORDER BY c.id', parameters: [{ name: '@b', value: 'q' }] }).fetchAll();
    expect(rows.resources.map((r) => r.id)).toEqual(['q-1', 'q-2']);
    const tags = await container.items.query<string>("SELECT VALUE t FROM c JOIN t IN c.tags WHERE c.bodyId = 'q'").fetchAll();
    expect(tags.resources.sort()).toEqual(['a', 'b', 'c']);
    const count = await container.items.query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.type = 'probe'").fetchAll();
    expect(count.resources).toEqual([2]);
    client.dispose();
  });
});
