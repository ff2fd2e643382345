import type { ChannelLink, PersonDirectory, PlanHead, PlanVersion, StatusUpdate, StoredAction } from '../domain/action-record.js';
import type { ChaseOverrides } from '../domain/chase-settings.js';
import type { DueScan } from '../domain/due-scan.js';
import type { OutboundRecord, TickMark } from '../domain/outbound-record.js';
import type { TickLease } from '../domain/scheduler-lease.js';
import type { Body } from '../domain/partnership.js';

/**
 * The persistence port: the one interface the services use. The Cosmos DB
 * adapter (`cosmos-store.ts`) implements it; see its doc comment for the
 * partition key design.
 *
 * Every read returns the document with its etag; every replace takes the
 * etag it read and fails with `ConcurrencyConflict` when someone wrote in
 * between, so the caller re-reads and tries again. Creates of documents with
 * deterministic ids report `exists` instead of overwriting.
 */
export type Versioned<T> = { value: T; etag: string };

/** A replace lost a race: the document changed since it was read (HTTP 412). */
export class ConcurrencyConflict extends Error {
  constructor(readonly id: string) {
    super(`document ${id} changed since it was read`);
    this.name = 'ConcurrencyConflict';
  }
}

/** A create found the id taken (HTTP 409). */
export class AlreadyExists extends Error {
  constructor(readonly id: string) {
    super(`document ${id} already exists`);
    this.name = 'AlreadyExists';
  }
}

export type Created = 'created' | 'exists';

export interface PartnershipStore {
  readBody(bodyId: string): Promise<Versioned<Body> | null>;
  /** Throws AlreadyExists when the id is taken. */
  createBody(body: Body): Promise<Versioned<Body>>;
  replaceBody(body: Body, etag: string): Promise<Versioned<Body>>;

  readPlanHead(bodyId: string, year: string): Promise<Versioned<PlanHead> | null>;
  /** Creates when `etag` is null (AlreadyExists if taken), else replaces if unchanged. */
  savePlanHead(head: PlanHead, etag: string | null): Promise<Versioned<PlanHead>>;
  /** A plan version is written once: `exists` when its id is taken. */
  createPlanVersion(version: PlanVersion): Promise<Created>;
  readPlanVersion(bodyId: string, id: string): Promise<PlanVersion | null>;
  /** Every version of a plan year, oldest first. */
  listPlanVersions(bodyId: string, year: string): Promise<PlanVersion[]>;
  /** Replaces a version not yet pointed at by its head (left by an import that stopped half way). */
  replacePlanVersion(version: PlanVersion): Promise<void>;

  readAction(bodyId: string, actionId: string): Promise<Versioned<StoredAction> | null>;
  /** Every action of a plan year (removed ones too), in ref order. */
  listActions(bodyId: string, year: string): Promise<Array<Versioned<StoredAction>>>;
  /** Creates when `etag` is null (AlreadyExists if taken), else replaces if unchanged. */
  saveAction(action: StoredAction, etag: string | null): Promise<Versioned<StoredAction>>;

  /** Updates are immutable: created once, never replaced. `exists` when the id is taken. */
  createUpdate(update: StatusUpdate): Promise<Created>;
  readUpdate(bodyId: string, id: string): Promise<StatusUpdate | null>;
  /** Every update of an action, oldest first. */
  listUpdates(bodyId: string, actionId: string): Promise<StatusUpdate[]>;
  /** A body's updates of a plan year recorded at or after `from` (every one when null), oldest first: one query on its partition. */
  listUpdatesFrom(bodyId: string, year: string, from: string | null): Promise<StatusUpdate[]>;
  /**
   * How these actions stood at an instant: for each, its newest update at or
   * before `at` and its newest one by then that revised the deadline (the
   * same update when it did both), oldest first: one query on the body's partition.
   */
  updatesAsAt(bodyId: string, year: string, actionIds: readonly string[], at: string): Promise<StatusUpdate[]>;

  readPerson(key: string): Promise<Versioned<PersonDirectory> | null>;
  savePerson(person: PersonDirectory, etag: string | null): Promise<Versioned<PersonDirectory>>;

  /** The body a channel is linked to, by the link's id (`channelLinkId`). */
  readChannelLink(id: string): Promise<ChannelLink | null>;
  /** Links (or re-links) a channel to a body. */
  saveChannelLink(link: ChannelLink): Promise<void>;

  /** When the scheduler last finished a tick (any instance): where a tick after a gap catches up from. */
  readTickMark(): Promise<Versioned<TickMark> | null>;
  /** Writes the mark if unchanged since read (null: create); `ConcurrencyConflict` when another tick wrote it first. */
  saveTickMark(mark: TickMark, etag: string | null): Promise<Versioned<TickMark>>;
  /** The tick lease (see scheduler-lease.ts): null before the first tick. */
  readTickLease(): Promise<Versioned<TickLease> | null>;
  /** Creates (etag null; AlreadyExists if taken) or replaces the lease if unchanged since read (ConcurrencyConflict otherwise). */
  saveTickLease(lease: TickLease, etag: string | null): Promise<Versioned<TickLease>>;
  /** Each body's time zone and own chase settings, and nothing else: what a tick needs to know whether any body is in working time. */
  listBodyHours(): Promise<BodyHours[]>;
  /**
   * Every body's id, kind, name and people, across partitions, at most
   * `BODIES_LISTED`: for choosing a CSP and telling a newcomer who runs the
   * partnership. Not for anything a tick or a message does often.
   */
  listBodies(): Promise<BodyListing[]>;

  /**
   * The scheduler tick's due scan (see due-scan.ts), the one query allowed
   * across partitions: open actions with one of the deadlines, the bodies
   * they belong to or that meet in the window, and the scheduler's records
   * scheduled in the window or due a retry.
   */
  scanDue(scan: DueScan): Promise<DueScanResult>;
  /** Creates an outbound record with its deterministic id: the claim. Someone else's record comes back when the id is taken. */
  createOutbound(record: OutboundRecord): Promise<{ created: true; etag: string } | { created: false; existing: Versioned<OutboundRecord> }>;
  /** Replaces an outbound record if unchanged since read; `ConcurrencyConflict` when another tick got there first. */
  replaceOutbound(record: OutboundRecord, etag: string): Promise<Versioned<OutboundRecord>>;
  /** One outbound record by its id, in its body's partition (a digest's card shows it again from there; a tick reads one back when a write's answer was lost); null when none. */
  readOutbound(bodyId: string, id: string): Promise<Versioned<OutboundRecord> | null>;
}

/** How many bodies `listBodies` returns: far more than a partnership has (a CSP and its handful of PCGs). */
export const BODIES_LISTED = 200;

export type BodyListing = Pick<Body, 'id' | 'kind' | 'name' | 'parentId' | 'tenantId' | 'chairs' | 'coordinators'>;

export type BodyHours = { timeZone: string; chase: ChaseOverrides | null };

export type DueScanResult = { actions: StoredAction[]; bodies: Body[]; records: Array<Versioned<OutboundRecord>> };
