import { loadConfig } from '../../src/config.js';
import type { StatusUpdate } from '../../src/domain/action-record.js';
import type { PlanAction } from '../../src/domain/plan.js';
import { isNewer } from '../../src/domain/update-rules.js';
import { createBody } from '../../src/services/create-body.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { startServer, type RunningServer } from '../../src/app/start-server.js';
import { VERBS } from '../../src/teams/verbs.js';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';

/**
 * Issue 13 item 6: two bot instances, each with its scheduler, sharing one
 * store (the Cosmos-compatible server), as two containers share Cosmos DB.
 * A body whose plan has one action for every two people: each action's lead
 * and support submit updates to it at once, one through each instance.
 * Local mode (no app id, loopback only) takes activities without a token, so
 * the people's card submits are POSTed to `/api/messages` as Teams would.
 */
export const LOAD_TENANT = '00000000-0000-4000-8000-00000000d0c5';
const BODY = 'load-pcg';
const YEAR = '2030-31';
const coordinator = { tenantId: LOAD_TENANT, aadObjectId: '30000000-0000-4000-8000-000000000000', displayName: 'Load Coordinator' };

export type LoadWorld = {
  store: Fixture;
  /** What either instance logged as an error. */
  errors: string[];
  instances: [RunningServer, RunningServer];
  /** People by index: person p holds role R<p>, the lead (even p) or support (odd p) of action `refOf(p)`. */
  people: number;
  refOf(person: number): string;
  /** One card submit by `person`, their `n`th, to the instance `via`: the HTTP status and the card's words. */
  submit(person: number, n: number, via: 0 | 1): Promise<{ status: number; text: string }>;
  /** Every update in the store and each action's pointer, read past the bots. */
  readBack(): Promise<{ updates: StatusUpdate[]; pointers: Map<string, string | null>; newest: Map<string, string> }>;
  stop(): Promise<void>;
};

const personId = (p: number) => `40000000-0000-4000-8000-${String(p).padStart(12, '0')}`;

export async function startLoadWorld(people: number): Promise<LoadWorld> {
  const store = await startFixture({ now: new Date().toISOString() });
  const deps = { ...store.deps, clock: () => new Date() };
  await createBody(deps, { id: 'load-csp', kind: 'csp', name: 'Load CSP', parentId: null, tenantId: LOAD_TENANT, chairs: [], coordinators: [coordinator] });
  await createBody(deps, { id: BODY, kind: 'pcg', name: 'Load PCG', parentId: 'load-csp', tenantId: LOAD_TENANT, chairs: [], coordinators: [coordinator] });
  const refOf = (p: number) => `1.${Math.floor(p / 2) + 1}`;
  const actions: PlanAction[] = [];
  for (let a = 0; a < Math.ceil(people / 2); a++) {
    const lead = `R${2 * a}`;
    const support = 2 * a + 1 < people ? [`R${2 * a + 1}`] : [];
    actions.push({ ref: `1.${a + 1}`, action: `Action ${a + 1}`, measure: '', outcome: '', resources: `Lead – ${[lead, ...support].join(', ')}`, lead, support, partners: [], deadline: '2031-03-31', deadlineText: 'March 2031', status: 'not-reported', update: '', cspAction: false, source: `Row ${a + 1}` });
  }
  const roles = Array.from({ length: people }, (_, p) => ({ key: `R${p}`, name: `Role ${p}` }));
  await importPlan(deps, { bodyId: BODY, year: YEAR, plan: { title: `Plan ${YEAR}`, priorities: [{ number: 1, title: 'Load', corporatePriority: null, actions }], roles }, fileName: 'load.csv', by: coordinator });
  for (let p = 0; p < people; p++) {
    await mapRole(deps, { bodyId: BODY, roleKey: `R${p}`, person: { tenantId: LOAD_TENANT, aadObjectId: personId(p), displayName: `Person ${p}` }, by: coordinator });
  }

  const errors: string[] = [];
  const start = () =>
    startServer(loadConfig({ COSMOS_ENDPOINT: store.server.endpoint, COSMOS_DATABASE: store.opened.database, PORT: '0', PLAYGROUND: 'off', SCHEDULER: 'off' }), {
      env: {},
      log: { info: () => {}, warn: () => {}, error: (message, fields) => void errors.push(`${message} ${JSON.stringify(fields)}`) },
    });
  const instances: [RunningServer, RunningServer] = [await start(), await start()];

  return {
    store,
    errors,
    instances,
    people,
    refOf,
    async submit(person, n, via) {
      const activity = {
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `load:${person}:${n}`,
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: `29:person-${person}`, aadObjectId: personId(person), name: `Person ${person}` },
        recipient: { id: '28:bot', name: 'Partnership Actions' },
        conversation: { id: `a:person-${person}`, conversationType: 'personal', tenantId: LOAD_TENANT },
        channelData: { tenant: { id: LOAD_TENANT } },
        value: {
          action: {
            type: 'Action.Execute',
            verb: VERBS.recordUpdate,
            // "Record mine anyway": each person records theirs even when the other lead's landed since their card.
            data: { action: { bodyId: BODY, year: YEAR, ref: refOf(person) }, basedOn: '', status: 'green', narrative: `Update ${n} from person ${person}.`, revisedDeadline: '', confirmStale: true },
          },
          trigger: 'manual',
        },
      };
      const res = await fetch(`${instances[via].bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: res.status, text: await res.text() };
    },
    async readBack() {
      const updates: StatusUpdate[] = [];
      const pointers = new Map<string, string | null>();
      const newest = new Map<string, string>();
      for (const { value: action } of await store.opened.store.listActions(BODY, YEAR)) {
        const own = await store.opened.store.listUpdates(BODY, action.id);
        updates.push(...own);
        pointers.set(action.ref, action.latest?.id ?? null);
        const top = own.reduce<StatusUpdate | null>((best, u) => (isNewer(u, best) ? u : best), null);
        if (top !== null) newest.set(action.ref, top.id);
      }
      return { updates, pointers, newest };
    },
    async stop() {
      for (const instance of instances) await instance.stop();
      await store.stop();
    },
  };
}

/**
 * `people` people submit `perPerson` updates each, all people at once, each
 * person one after another (as a person presses), alternating instances,
 * while both instances' schedulers tick `ticks` times at once.
 */
export async function runLoad(world: LoadWorld, perPerson: number, ticks: number): Promise<{ times: number[]; answers: Map<string, number>; refused: string[] }> {
  const times: number[] = [];
  const answers = new Map<string, number>();
  const refused: string[] = [];
  const person = async (p: number) => {
    for (let n = 0; n < perPerson; n++) {
      const startedAt = process.hrtime.bigint();
      const { status, text } = await world.submit(p, n, ((p + n) % 2) as 0 | 1);
      times.push(Number(process.hrtime.bigint() - startedAt) / 1e6);
      const answer = status !== 200 ? `HTTP ${status}` : text.includes('✔ Update recorded') ? 'recorded' : 'refused';
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (answer !== 'recorded') refused.push(`person ${p} #${n}: ${text.slice(0, 300)}`);
    }
  };
  const tickers = async () => {
    for (let t = 0; t < ticks; t++) await Promise.all(world.instances.map((i) => i.scheduler.tick()));
  };
  await Promise.all([...Array.from({ length: world.people }, (_, p) => person(p)), tickers()]);
  return { times, answers, refused };
}
