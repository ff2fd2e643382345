import { randomUUID } from 'node:crypto';
import type { Plan, PlanAction } from '../../src/domain/plan.js';
import type { Person } from '../../src/domain/partnership.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createBody } from '../../src/services/create-body.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';

/**
 * A real Cosmos-compatible server in this process (127.0.0.1, a free port)
 * and the real `@azure/cosmos` client against it: one per test file.
 */
export type Fixture = {
  server: EmbeddedCosmos;
  opened: OpenStore;
  deps: ServiceDeps;
  /** Moves the clock on; the deps' clock reads it. */
  setNow: (iso: string) => void;
  /** Every document in every container, by id, etags included: equal dumps mean nothing was written. */
  dump: () => Promise<unknown[]>;
  stop: () => Promise<void>;
};

export async function startFixture(options: { now?: string; tick?: boolean } = {}): Promise<Fixture> {
  const server = await startEmbeddedCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'test' }, database: `t-${randomUUID()}`, local: true }, { setUp: true });
  let now = Date.parse(options.now ?? '2017-06-01T09:00:00Z');
  const deps: ServiceDeps = {
    store: opened.store,
    // With `tick`, every reading of the clock is a millisecond later: concurrent updates get distinct times.
    clock: () => new Date(options.tick ? now++ : now),
    newId: randomUUID,
  };
  const { CosmosClient } = await import('@azure/cosmos');
  const client = new CosmosClient({ endpoint: server.endpoint, key: 'test', connectionPolicy: { enableEndpointDiscovery: false } });
  return {
    server,
    opened,
    deps,
    setNow: (iso) => {
      now = Date.parse(iso);
    },
    dump: async () => {
      const docs: unknown[] = [];
      for (const c of ['partnership', 'directory']) {
        const { resources } = await client.database(opened.database).container(c).items.query<{ id: string }>('SELECT * FROM c').fetchAll();
        docs.push(...resources.map((r) => ({ container: c, ...r })).sort((a, b) => (a.id < b.id ? -1 : 1)));
      }
      return docs;
    },
    stop: async () => {
      client.dispose();
      await opened.close();
      await server.stop();
    },
  };
}

export const TENANT = 'tenant-1';
export const person = (id: string, displayName: string): Person => ({ tenantId: TENANT, aadObjectId: id, displayName });
export const CHAIR = person('chair-1', 'Pat Chair');
export const COORDINATOR = person('coord-1', 'Alex Coordinator');
export const CSO = person('cso-1', 'Casey CSO');
export const CSO_DELEGATE = person('cso-2', 'Dana Delegate');
export const ASBRO = person('asbro-1', 'Jordan ASBRO');
export const STRANGER = person('other-1', 'Sam Stranger');

export function planAction(ref: string, fields: Partial<PlanAction> = {}): PlanAction {
  return {
    ref,
    action: `Action ${ref}`,
    measure: `Measure ${ref}`,
    outcome: `Outcome ${ref}`,
    resources: 'Lead – CSO, ASBRO',
    lead: 'CSO',
    support: ['ASBRO'],
    partners: [],
    deadline: '2018-03-31',
    deadlineText: 'March 2018',
    status: 'not-reported',
    update: '',
    cspAction: false,
    source: `Line ${ref}`,
    ...fields,
  };
}

export function plan(actions: PlanAction[], title = 'COMMUNITY SAFETY DELIVERY PLAN 2017-2018'): Plan {
  const byPriority = new Map<number, PlanAction[]>();
  for (const a of actions) {
    const n = Number(a.ref.split('.')[0]);
    byPriority.set(n, [...(byPriority.get(n) ?? []), a]);
  }
  return {
    title,
    priorities: [...byPriority].map(([number, list]) => ({ number, title: `Priority ${number}`, corporatePriority: null, actions: list })),
    roles: [
      { key: 'CSO', name: 'Community Safety Officer' },
      { key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' },
      { key: 'LO', name: 'Licensing Officer' },
    ],
  };
}

/** A CSP and a PCG with a chair and a coordinator. */
export async function setUpBodies(deps: ServiceDeps): Promise<void> {
  await createBody(deps, { id: 'test-csp', kind: 'csp', name: 'Test CSP', parentId: null, tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] });
  await createBody(deps, { id: 'test-pcg', kind: 'pcg', name: 'Test PCG', parentId: 'test-csp', tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] });
}
