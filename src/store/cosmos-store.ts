import type { Container, ItemDefinition, SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import type { z } from 'zod';
import {
  ChannelLinkSchema,
  PersonDirectorySchema,
  PlanHeadSchema,
  PlanVersionSchema,
  StatusUpdateSchema,
  StoredActionSchema,
  type ChannelLink,
  type PersonDirectory,
  type PlanHead,
  type PlanVersion,
  type StatusUpdate,
  type StoredAction,
} from '../domain/action-record.js';
import { compareRefs } from '../domain/action-refs.js';
import type { DueScan } from '../domain/due-scan.js';
import { OutboundRecordSchema, TICK_MARK_ID, TickMarkSchema, type OutboundRecord, type TickMark } from '../domain/outbound-record.js';
import { BodySchema, type Body } from '../domain/partnership.js';
import { TICK_LEASE_ID, TickLeaseSchema, type TickLease } from '../domain/scheduler-lease.js';
import { isNewer } from '../domain/update-rules.js';
import { addDays } from '../domain/working-time.js';
import { joinPlanVersion, PlanVersionHeadSchema, PlanVersionPartSchema, splitPlanVersion, type PlanVersionPart } from './plan-version-parts.js';
import { AlreadyExists, BODIES_LISTED, ConcurrencyConflict, type BodyHours, type BodyListing, type Created, type DueScanResult, type PartnershipStore, type Versioned } from './store.port.js';

/**
 * The partnership's record in Azure Cosmos DB for NoSQL.
 *
 * ## Partition key design
 *
 * Container `partnership`, partition key `/bodyId`: everything a partnership
 * body (a CSP or a PCG) owns lives in its body's logical partition: the body
 * document itself (id = the body id: chairs, coordinators, roles → people,
 * linked channel, meetings), plan heads (`plan:2017-18`) and plan versions
 * (`plan:2017-18:v2`), actions (`action:2017-18:2.3`), status updates
 * (`update:2017-18:2.3:<id>`) and sent-message records
 * (`sent:<kind>:<actionId>:<slot>`). Each document carries `type`.
 *
 * ## No document grows with the plan
 *
 * Cosmos DB refuses an item over 2 MB, and a write costs RUs by its size.
 * Every document here is bounded: an action holds only its latest update,
 * an update is one update. A plan version is stored in parts
 * (`plan-version-parts.ts`): its head `plan:2017-18:v2` (type
 * `plan-version`: file, importer, time, title, roles and `parts: {key,
 * count}`) and parts `plan:2017-18:v2:part:<key>:<n>` (type
 * `plan-version-part`), each at most 64 KB of priorities, actions and what
 * changed, in order; `key` is a hash of the content. The parts are written
 * before the head, so a head always has all its parts, and a version read
 * back is the head plus one query for its parts. A version written whole by
 * an earlier release (no `parts`, the plan inside) is read as it is: nothing
 * needs migrating, and new imports write parts.
 *
 * Why the body: every use case works inside one body. A lead updates an
 * action of one PCG; a chair's summary reads one body's plan, actions and
 * updates; an import rewrites one body's plan. So every one of them is a
 * point read (id + body) or a query filtered on `bodyId`, served by one
 * partition, and an action and its updates sit together. A body's data is
 * small: ~50 actions a year, a few hundred updates a year, so a logical
 * partition stays far below Cosmos DB's 20 GB limit for centuries.
 *
 * At 10,000 bodies: the bodies spread evenly over physical partitions (one
 * body is never hot: its traffic is a handful of people around a meeting),
 * point reads and per-body queries cost the same as with one body, and
 * storage grows linearly. The one query that crosses partitions is the
 * scheduler's due-window scan (`scanDue`); it fans out to every
 * physical partition, so its cost grows with the account, once per tick.
 * If that ever matters, the scheduler keeps a per-day "due index" document
 * (partition key the day) written when deadlines change, and the scan
 * becomes a point read. The CSP roll-up of `*CSP action` actions reads each
 * of the CSP's PCG partitions by key (a CSP has a handful of PCGs).
 *
 * Container `directory`, partition key `/id`: what the Teams layer looks up
 * by a Teams identity rather than by body, each a point read. A person (id
 * `tenantId:aadObjectId`): the bodies that map them to a role and their 1:1
 * conversation with the bot, so "my actions" is a point read and then one
 * query per body the person serves, never a scan. A linked channel (id
 * `channel:<conversation id>`): which body `@bot summary` in it means. The
 * scheduler's tick mark (id `scheduler:last-tick`): when a tick last ran.
 *
 * ## Concurrency
 *
 * Replaces carry the etag read (`IfMatch`); a 412 becomes
 * `ConcurrencyConflict` and the service re-reads and retries. Documents
 * that must be written once (updates, plan versions, sent messages) have
 * deterministic ids and are created, never upserted: a 409 is `exists`.
 * Every document read is validated with zod.
 */

const BodyHoursSchema = BodySchema.pick({ timeZone: true, chase: true });
const BodyListingSchema = BodySchema.pick({ id: true, kind: true, name: true, parentId: true, tenantId: true, chairs: true, coordinators: true });

type Stored = ItemDefinition & { _etag?: string };

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export type CosmosContainers = { partnership: Container; directory: Container };

export class CosmosStore implements PartnershipStore {
  private readonly partnership: Container;
  private readonly directory: Container;

  constructor(containers: CosmosContainers) {
    this.partnership = containers.partnership;
    this.directory = containers.directory;
  }

  private parse<S extends z.ZodType>(schema: S, doc: Stored): z.infer<S> {
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      throw new Error(`stored document ${String(doc.id)} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data as z.infer<S>;
  }

  private async readDoc<S extends z.ZodType>(container: Container, schema: S, id: string, pk: string): Promise<Versioned<z.infer<S>> | null> {
    const response = await container.item(id, pk).read<Stored>();
    if (response.statusCode === 404 || response.resource === undefined) return null;
    return { value: this.parse(schema, response.resource), etag: response.etag };
  }

  private async createDoc(container: Container, doc: Stored): Promise<string> {
    try {
      const response = await container.items.create(doc);
      return response.etag;
    } catch (error) {
      if (statusOf(error) === 409) throw new AlreadyExists(String(doc.id));
      throw error;
    }
  }

  private async replaceDoc(container: Container, doc: Stored, pk: string, etag: string): Promise<string> {
    try {
      const response = await container.item(String(doc.id), pk).replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return response.etag;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) throw new ConcurrencyConflict(String(doc.id));
      throw error;
    }
  }

  private async save<T extends { id: string; bodyId: string }>(type: string, value: T, etag: string | null): Promise<Versioned<T>> {
    const doc = { ...value, type };
    const newEtag = etag === null ? await this.createDoc(this.partnership, doc) : await this.replaceDoc(this.partnership, doc, value.bodyId, etag);
    return { value, etag: newEtag };
  }

  private async query<S extends z.ZodType>(container: Container, schema: S, spec: SqlQuerySpec): Promise<Array<Versioned<z.infer<S>>>> {
    const { resources } = await container.items.query<Stored>(spec).fetchAll();
    return resources.map((doc) => ({ value: this.parse(schema, doc), etag: doc._etag ?? '' }));
  }

  async readBody(bodyId: string): Promise<Versioned<Body> | null> {
    return this.readDoc(this.partnership, BodySchema, bodyId, bodyId);
  }

  async createBody(body: Body): Promise<Versioned<Body>> {
    const etag = await this.createDoc(this.partnership, { ...body, bodyId: body.id, type: 'body' });
    return { value: body, etag };
  }

  async replaceBody(body: Body, etag: string): Promise<Versioned<Body>> {
    const newEtag = await this.replaceDoc(this.partnership, { ...body, bodyId: body.id, type: 'body' }, body.id, etag);
    return { value: body, etag: newEtag };
  }

  async readPlanHead(bodyId: string, year: string): Promise<Versioned<PlanHead> | null> {
    return this.readDoc(this.partnership, PlanHeadSchema, `plan:${year}`, bodyId);
  }

  async savePlanHead(head: PlanHead, etag: string | null): Promise<Versioned<PlanHead>> {
    return this.save('plan', head, etag);
  }

  async createPlanVersion(version: PlanVersion): Promise<Created> {
    const { head, parts } = splitPlanVersion(version);
    await this.writeParts(parts);
    try {
      await this.createDoc(this.partnership, { ...head, type: PLAN_VERSION });
      return 'created';
    } catch (error) {
      if (error instanceof AlreadyExists) return 'exists';
      throw error;
    }
  }

  async readPlanVersion(bodyId: string, id: string): Promise<PlanVersion | null> {
    const response = await this.partnership.item(id, bodyId).read<Stored>();
    if (response.statusCode === 404 || response.resource === undefined) return null;
    return (await this.joinVersions([response.resource], { versionId: id }))[0] ?? null;
  }

  async listPlanVersions(bodyId: string, year: string): Promise<PlanVersion[]> {
    const { resources } = await this.partnership.items
      .query<Stored>(ofBody(bodyId, PLAN_VERSION, 'year', year))
      .fetchAll();
    return (await this.joinVersions(resources, { year })).sort((a, b) => a.version - b.version);
  }

  async replacePlanVersion(version: PlanVersion): Promise<void> {
    const { head, parts } = splitPlanVersion(version);
    await this.writeParts(parts);
    const old = (await this.partnership.item(version.id, version.bodyId).read<Stored>()).resource;
    await this.partnership.items.upsert({ ...head, type: PLAN_VERSION });
    const oldKey = old === undefined ? null : PlanVersionHeadSchema.safeParse(old).data?.parts.key;
    // The parts of the version it replaced (left by an import that stopped half way): nothing points at them now.
    if (oldKey !== null && oldKey !== undefined && oldKey !== head.parts.key) {
      for (const part of await this.queryParts(version.bodyId, { versionId: version.id })) {
        if (part.key === oldKey) await this.partnership.item(part.id, version.bodyId).delete();
      }
    }
  }

  private async writeParts(parts: readonly PlanVersionPart[]): Promise<void> {
    for (let i = 0; i < parts.length; i += PART_WRITES_AT_ONCE) {
      await Promise.all(parts.slice(i, i + PART_WRITES_AT_ONCE).map((part) => this.partnership.items.upsert({ ...part, type: PLAN_VERSION_PART })));
    }
  }

  private async queryParts(bodyId: string, of: { versionId: string } | { year: string }): Promise<PlanVersionPart[]> {
    const [field, value] = 'versionId' in of ? ['versionId', of.versionId] : ['year', of.year];
    const rows = await this.query(this.partnership, PlanVersionPartSchema, ofBody(bodyId, PLAN_VERSION_PART, field, value));
    return rows.map((r) => r.value);
  }

  /**
   * Version documents as written by either layout: a head with parts (read in
   * one query), or a version written whole by an earlier release, read as it is.
   */
  private async joinVersions(docs: Stored[], of: { versionId: string } | { year: string }): Promise<PlanVersion[]> {
    const heads = docs.filter((doc) => 'parts' in doc).map((doc) => this.parse(PlanVersionHeadSchema, doc));
    const parts = heads.length === 0 ? [] : await this.queryParts(heads[0]!.bodyId, of);
    return docs.map((doc) => {
      if (!('parts' in doc)) return this.parse(PlanVersionSchema, doc);
      const head = heads.find((h) => h.id === doc.id)!;
      return joinPlanVersion(head, parts.filter((p) => p.versionId === head.id));
    });
  }

  async readAction(bodyId: string, actionId: string): Promise<Versioned<StoredAction> | null> {
    return this.readDoc(this.partnership, StoredActionSchema, actionId, bodyId);
  }

  async listActions(bodyId: string, year: string): Promise<Array<Versioned<StoredAction>>> {
    const rows = await this.query(this.partnership, StoredActionSchema, ofBody(bodyId, 'action', 'year', year));
    return rows.sort((a, b) => compareRefs(a.value.ref, b.value.ref));
  }

  async saveAction(action: StoredAction, etag: string | null): Promise<Versioned<StoredAction>> {
    return this.save('action', action, etag);
  }

  async createUpdate(update: StatusUpdate): Promise<Created> {
    try {
      await this.createDoc(this.partnership, { ...update, type: 'update' });
      return 'created';
    } catch (error) {
      if (error instanceof AlreadyExists) return 'exists';
      throw error;
    }
  }

  async readUpdate(bodyId: string, id: string): Promise<StatusUpdate | null> {
    return (await this.readDoc(this.partnership, StatusUpdateSchema, id, bodyId))?.value ?? null;
  }

  async listUpdates(bodyId: string, actionId: string): Promise<StatusUpdate[]> {
    const rows = await this.query(this.partnership, StatusUpdateSchema, ofBody(bodyId, 'update', 'actionId', actionId));
    return rows.map((r) => r.value).sort(oldestFirst);
  }

  async listUpdatesFrom(bodyId: string, year: string, from: string | null): Promise<StatusUpdate[]> {
    const rows = await this.query(
      this.partnership,
      StatusUpdateSchema,
      from === null
        ? ofBody(bodyId, 'update', 'year', year)
        : ofBody(bodyId, 'update', 'year', year, ' AND c.at >= @from', [{ name: '@from', value: shiftIso(from, -SPELLING_SLACK_MS) }]),
    );
    const start = from === null ? -Infinity : Date.parse(from);
    return rows
      .map((r) => r.value)
      .filter((u) => Date.parse(u.at) >= start)
      .sort(oldestFirst);
  }

  async updatesAsAt(bodyId: string, year: string, actionIds: readonly string[], at: string): Promise<StatusUpdate[]> {
    if (actionIds.length === 0) return [];
    const rows = await this.query(
      this.partnership,
      StatusUpdateSchema,
      ofBody(bodyId, 'update', 'year', year, ' AND c.at <= @at AND ARRAY_CONTAINS(@actionIds, c.actionId)', [
        { name: '@at', value: shiftIso(at, SPELLING_SLACK_MS) },
        { name: '@actionIds', value: [...actionIds] },
      ]),
    );
    const end = Date.parse(at);
    const newest = new Map<string, { latest: StatusUpdate; deadline: StatusUpdate | null }>();
    for (const { value: u } of rows) {
      if (Date.parse(u.at) > end) continue;
      const seen = newest.get(u.actionId) ?? { latest: u, deadline: null };
      if (isNewer(u, seen.latest)) seen.latest = u;
      if (u.revisedDeadline !== null && isNewer(u, seen.deadline)) seen.deadline = u;
      newest.set(u.actionId, seen);
    }
    const kept = new Map<string, StatusUpdate>();
    for (const { latest, deadline } of newest.values()) for (const u of [latest, deadline]) if (u !== null) kept.set(u.id, u);
    return [...kept.values()].sort(oldestFirst);
  }

  async readPerson(key: string): Promise<Versioned<PersonDirectory> | null> {
    return this.readDoc(this.directory, PersonDirectorySchema, key, key);
  }

  async savePerson(person: PersonDirectory, etag: string | null): Promise<Versioned<PersonDirectory>> {
    const doc = { ...person, type: 'person' };
    const newEtag = etag === null ? await this.createDoc(this.directory, doc) : await this.replaceDoc(this.directory, doc, person.id, etag);
    return { value: person, etag: newEtag };
  }

  async readChannelLink(id: string): Promise<ChannelLink | null> {
    return (await this.readDoc(this.directory, ChannelLinkSchema, id, id))?.value ?? null;
  }

  async saveChannelLink(link: ChannelLink): Promise<void> {
    await this.directory.items.upsert({ ...link, type: 'channel' });
  }

  async readTickMark(): Promise<Versioned<TickMark> | null> {
    return this.readDoc(this.directory, TickMarkSchema, TICK_MARK_ID, TICK_MARK_ID);
  }

  async saveTickMark(mark: TickMark, etag: string | null): Promise<Versioned<TickMark>> {
    return this.saveSchedulerDoc(mark, 'tick-mark', etag);
  }

  async readTickLease(): Promise<Versioned<TickLease> | null> {
    return this.readDoc(this.directory, TickLeaseSchema, TICK_LEASE_ID, TICK_LEASE_ID);
  }

  async saveTickLease(lease: TickLease, etag: string | null): Promise<Versioned<TickLease>> {
    return this.saveSchedulerDoc(lease, 'tick-lease', etag);
  }

  /** The scheduler's one-of-a-kind documents in the directory container: created when `etag` is null, else replaced if unchanged. */
  private async saveSchedulerDoc<T extends { id: string }>(value: T, type: string, etag: string | null): Promise<Versioned<T>> {
    const doc = { ...value, type };
    const newEtag = etag === null ? await this.createDoc(this.directory, doc) : await this.replaceDoc(this.directory, doc, value.id, etag);
    return { value, etag: newEtag };
  }

  async listBodyHours(): Promise<BodyHours[]> {
    // Two fields of each body, across partitions; a few hundred bytes for a hundred bodies.
    const response = await this.partnership.items
      .query<{ timeZone?: unknown; chase?: unknown }>({ query: 'SELECT c.timeZone, c.chase FROM c WHERE c.type = @type', parameters: [{ name: '@type', value: 'body' }] })
      .fetchAll();
    const distinct = new Map<string, BodyHours>();
    for (const row of response.resources) {
      const hours = BodyHoursSchema.parse({ timeZone: row.timeZone, chase: row.chase ?? null });
      distinct.set(JSON.stringify(hours), hours);
    }
    return [...distinct.values()];
  }

  async listBodies(): Promise<BodyListing[]> {
    const response = await this.partnership.items
      .query<Stored>({
        query: `SELECT TOP ${BODIES_LISTED} c.id, c.kind, c.name, c.parentId, c.tenantId, c.chairs, c.coordinators FROM c WHERE c.type = @type`,
        parameters: [{ name: '@type', value: 'body' }],
      })
      .fetchAll();
    return response.resources.map((row) => this.parse(BodyListingSchema, row));
  }

  async scanDue(scan: DueScan): Promise<DueScanResult> {
    // The tick's due scan (see the doc comment above and due-scan.ts): every query is narrowed by the window, never by body.
    const actions = (
      await this.query(this.partnership, StoredActionSchema, {
        query:
          'SELECT * FROM c WHERE c.type = @type AND IS_NULL(c.removedInVersion) AND ' +
          '(ARRAY_CONTAINS(@deadlines, c.plan.deadline) OR ARRAY_CONTAINS(@deadlines, c.revisedDeadline))',
        parameters: [
          { name: '@type', value: 'action' },
          { name: '@deadlines', value: scan.deadlines },
        ],
      })
    )
      .map((r) => r.value)
      .filter((a) => a.latest === null || (a.latest.status !== 'completed' && a.latest.status !== 'not-completed'));
    const records = await this.query(this.partnership, OutboundRecordSchema, {
      query:
        'SELECT * FROM c WHERE c.type = @type AND IS_DEFINED(c.scheduledFor) AND ' +
        '(c.scheduledFor >= @recordsFrom OR (c.state != @sent AND NOT IS_NULL(c.nextAttemptAt) AND c.nextAttemptAt <= @now))',
      parameters: [
        { name: '@type', value: 'sent' },
        { name: '@sent', value: 'sent' },
        { name: '@recordsFrom', value: scan.recordsFrom },
        { name: '@now', value: scan.now },
      ],
    });
    const bodyIds = [...new Set([...actions.map((a) => a.bodyId), ...records.map((r) => r.value.bodyId)])];
    const bodies = await this.query(this.partnership, BodySchema, {
      query:
        'SELECT * FROM c WHERE c.type = @type AND (ARRAY_CONTAINS(@ids, c.id) OR ' +
        'EXISTS(SELECT VALUE m FROM m IN c.meetings WHERE m >= @from AND m < @until))',
      parameters: [
        { name: '@type', value: 'body' },
        { name: '@ids', value: bodyIds },
        { name: '@from', value: scan.meetingsFrom },
        { name: '@until', value: addDays(scan.meetingsTo, 1) },
      ],
    });
    return { actions, bodies: bodies.map((b) => b.value), records };
  }

  async createOutbound(record: OutboundRecord): Promise<{ created: true; etag: string } | { created: false; existing: Versioned<OutboundRecord> }> {
    try {
      return { created: true, etag: await this.createDoc(this.partnership, { ...record, type: 'sent' }) };
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
      const existing = await this.readDoc(this.partnership, OutboundRecordSchema, record.id, record.bodyId);
      if (existing === null) throw error;
      return { created: false, existing };
    }
  }

  async readOutbound(bodyId: string, id: string): Promise<Versioned<OutboundRecord> | null> {
    return this.readDoc(this.partnership, OutboundRecordSchema, id, bodyId);
  }

  async replaceOutbound(record: OutboundRecord, etag: string): Promise<Versioned<OutboundRecord>> {
    return this.save('sent', record, etag);
  }
}

const PLAN_VERSION = 'plan-version';
const PLAN_VERSION_PART = 'plan-version-part';
/** Parts of one plan version written in parallel. */
const PART_WRITES_AT_ONCE = 8;

/** One body's documents of one type whose `field` is `value` (and `also`): a query within the body's partition. */
function ofBody(bodyId: string, type: string, field: string, value: string, also = '', alsoParameters: SqlParameter[] = []): SqlQuerySpec {
  return {
    query: `SELECT * FROM c WHERE c.bodyId = @bodyId AND c.type = @type AND c.${field} = @value${also}`,
    parameters: [{ name: '@bodyId', value: bodyId }, { name: '@type', value: type }, { name: '@value', value }, ...alsoParameters],
  };
}

/**
 * Instants are compared as strings in the query; one written without
 * milliseconds sorts after the same instant with them, so the query reaches
 * a second further and the exact cut is made on the parsed instants.
 */
const SPELLING_SLACK_MS = 1000;

function shiftIso(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function oldestFirst(a: StatusUpdate, b: StatusUpdate): number {
  return Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
