import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sentMessageId, type PersonDirectory, type StoredAction } from '../domain/action-record.js';
import { bodyChaseSettings, DEFAULT_CHASE_SETTINGS, type ChaseSettings } from '../domain/chase-settings.js';
import { chasedFromStored, dueMessages, historyFromStore, type ChasedAction, type DueMessage } from '../domain/due-messages.js';
import { catchUpFrom, dueScan, type DueScan } from '../domain/due-scan.js';
import { DIGEST_ITEMS_RECORD_MAX, DIGEST_KINDS, digestReason, digestRecordId, type DigestItem } from '../domain/digest.js';
import { countInWords, listInWords } from '../domain/in-words.js';
import { isRetryDue, TICK_MARK_ID, type OutboundRecord, type TickMark } from '../domain/outbound-record.js';
import { personKey, roleHolder, type Body, type Person } from '../domain/partnership.js';
import { addDays, isWorkingTime, localInstant, localTime, nextWorkingMoment } from '../domain/working-time.js';
import { AlreadyExists, ConcurrencyConflict, type PartnershipStore, type Versioned } from '../store/store.port.js';
import { actionCardView, teamsUserId, type ActionCardView } from '../services/action-card-view.js';
import { isStoreUnavailable } from '../services/store-unavailable.js';
import { classifySendError, type BodyRef, type DigestEntry, type DigestMessage, type OutboundMessage, type ProactiveSender, type SendTarget, type UnreachableReason } from './outbound.js';
import { ConversationLimiter, TenantPacer } from './rate-limit.js';
import { takeTickLease } from './tick-lease.js';
import { SCHEDULER_TENANT_SHARE, TEAMS_SEND_LIMITS, TEAMS_TENANT_LIMIT, type RateWindow } from './teams-rate-limits.js';

/**
 * The scheduler's tick (issue 6): asks the rules what is due now, claims each
 * message in the store by its deterministic id, sends it, and marks it.
 *
 * - Quiet: a tick first reads each body's zone and own settings; with no
 *   body in working time it stops (no scan, no write).
 * - Catching up: the tick mark says when a tick last ran; a tick after a
 *   gap looks back to that day (see `catchUpFrom`), so a slot the gap
 *   skipped still goes out if it is the latest of its kind, once. Only the
 *   mark's dates matter, so it is written on the first tick of a new date.
 * - Escalations count the reminders delivered, as the records say.
 * - Store work grows with what is due: one due scan (see due-scan.ts), then
 *   per body with something due a point read or two, and per message to
 *   send a directory read (once per person a tick), the claim and the mark.
 * - One tick at a time: a tick with something to write takes the tick lease
 *   (tick-lease.ts) first, or skips while another holds it.
 * - Sent once: the claim is a create with the message's id; a 409 means
 *   another tick (this instance or another) has it. Taking over a failed or
 *   abandoned record replaces it with the etag read, so two ticks cannot
 *   both take it over.
 * - A crash between claim and mark: the record stays `claimed` with
 *   `nextAttemptAt` = claim + `staleClaimMs` (10 minutes by default, far
 *   beyond any send); after that a tick takes it over and sends it again.
 *   Messages are claimed one at a time, just before their send, so only the
 *   one in flight can be repeated.
 * - The store failing (a reset, a lost answer, 503): a claim whose answer
 *   was lost is read back and made due again at once, with every other claim
 *   of its digest or unreachable group, since nothing was sent; what became
 *   of a message is written with retries and read-backs (`settleRecord`),
 *   the digest and its actions together; a report that someone is
 *   unreachable whose claim never landed is kept for the next tick.
 * - A failed send is recorded (`failed`, attempts, last error, next attempt)
 *   and retried with exponential backoff and jitter, `maxAttempts` times in
 *   all; a 429 waits for its Retry-After. A retry goes out only while the
 *   rules still call the message due (the action is open, no later slot
 *   replaced it); otherwise its record says it is no longer due.
 * - Someone unreachable (no one holds the lead's role, no chat with the bot,
 *   or Teams answers 403) gets no retries: the record fails for good and the
 *   chairs are told once (`sent:unreachable:body:<who>@<chair>`), or the
 *   body's channel when no chair can be reached (`…@channel`).
 * - One message per recipient and day (digest.ts): a tick's prompts,
 *   reminders, rounds and escalations for one person (or one body's
 *   channel) go as one digest. Its actions are claimed one by one as above,
 *   then the digest's own record (`sent:digest:<recipient>:<date>`); both are
 *   marked after the one send, or failed together and retried together. A
 *   digest of a day already sent is not sent again: an action claimed after
 *   it waits for the next working morning's.
 * - Unreachable: a tick's messages for one person it cannot reach are failed
 *   together, and the chairs (never the person concerned) hear once, naming
 *   every action; in a channel the chairs are @mentioned.
 * - Sends keep within Teams' limits (teams-rate-limits.ts): each
 *   conversation's windows, and the tenant-wide rate, paced evenly at
 *   `tenantShare` of it. Up to `maxInFlight` sends are under way at once, at
 *   most one per conversation (so a chat gets its messages in order); a
 *   conversation at its limit waits while others go; a wait longer than
 *   `maxWaitMs` (a long Retry-After) leaves its messages unclaimed for the
 *   next tick, and so does a message whose body's working day has ended
 *   while it waited: it goes the next working morning, never at night.
 */
export type SchedulerOptions = {
  /** The chase rules; each body's own time zone and settings replace these. */
  settings: ChaseSettings;
  staleClaimMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxWaitMs: number;
  limits: readonly RateWindow[];
  tenantLimit: RateWindow;
  tenantShare: number;
  maxInFlight: number;
  /** How long the tick lease lasts unrenewed (see tick-lease.ts); null: ticks take no lease and only the claims keep sends single. */
  leaseTtlMs: number | null;
};

/** How often a tick tries to record what became of a claimed message, and the pause between tries (grows each time). */
const SETTLE_ATTEMPTS = 4;
const SETTLE_PAUSE_MS = 200;

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  settings: DEFAULT_CHASE_SETTINGS,
  staleClaimMs: 10 * 60_000,
  maxAttempts: 6,
  backoffBaseMs: 60_000,
  backoffMaxMs: 60 * 60_000,
  maxWaitMs: 30_000,
  limits: TEAMS_SEND_LIMITS,
  tenantLimit: TEAMS_TENANT_LIMIT,
  tenantShare: SCHEDULER_TENANT_SHARE,
  // Teams answers a send in a few hundred milliseconds: at 50 a second, about 15 are under way at any moment.
  maxInFlight: 16,
  leaseTtlMs: 60_000,
};

export type SchedulerLog = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type SchedulerDeps = {
  store: PartnershipStore;
  send: ProactiveSender;
  /** Read for every claim and every rate-limit decision. */
  clock: () => Date;
  /** How the tick waits for a conversation's rate limit; tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter for backoff, in [0, 1). */
  random?: () => number;
  log?: SchedulerLog;
  options?: Partial<SchedulerOptions>;
  /** This instance's id in the tick lease; a random one by default. */
  instanceId?: string;
};

export type TickReport = {
  at: string;
  /** Record ids: sent, failed (to be retried or given up), unreachable, left for the next tick by the rate limit. */
  sent: string[];
  failed: string[];
  unreachable: string[];
  deferred: string[];
  /** Records that stopped being due before a retry could send them. */
  noLongerDue: string[];
  /** Messages another tick claimed first. */
  taken: number;
  /** Why the tick did nothing: no body in working time, or another tick holds the lease; null when it ran. */
  skipped: string | null;
};

/** A message as the tick would send it: what the CLI prints without a Teams connection. */
export type PlannedSend = { id: string; to: string; message: OutboundMessage; unreachable: string | null };

export type Scheduler = {
  tick(now?: Date): Promise<TickReport>;
  /** What a tick at `now` would send, claiming and writing nothing. */
  preview(now?: Date): Promise<PlannedSend[]>;
  /** This instance's last finished tick, for the health probe; null before the first. */
  lastTick(): { at: string; finishedAt: string; sent: number; failed: number } | null;
};

/** `told`: the chair already knows (the directory marks the person unreachable: whoever marked it told them). */
type Unreachable = { reason: UnreachableReason; who: string; subject: string; told?: boolean };

type Job = {
  record: Omit<OutboundRecord, 'state' | 'claimedAt' | 'sentAt' | 'attempts' | 'lastError' | 'nextAttemptAt'>;
  existing: Versioned<OutboundRecord> | null;
  message: OutboundMessage;
  target: SendTarget | Unreachable;
  body: Body;
  /** A digest's actions, or one person's unreachable messages: claimed one by one, sent (or reported) as one. */
  items?: Job[];
};

/** A group's message and its record as this tick claimed it. */
type Held = { job: Job; record: Versioned<OutboundRecord> };

/** A claimed record and what it is to become. */
type SettleWrite = { held: Versioned<OutboundRecord>; record: OutboundRecord };

type Directory = (person: Person) => Promise<Versioned<PersonDirectory> | null>;

/** Directory entries read once per tick, however many messages a person gets. */
function directoryReader(store: PartnershipStore): Directory {
  const people = new Map<string, Promise<Versioned<PersonDirectory> | null>>();
  return (person) => {
    const key = personKey(person);
    let entry = people.get(key);
    if (entry === undefined) people.set(key, (entry = store.readPerson(key)));
    return entry;
  };
}

const NO_LOG: SchedulerLog = { info: () => {}, warn: () => {}, error: () => {} };

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options = { ...DEFAULT_SCHEDULER_OPTIONS, ...deps.options };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Teams counts real time: the pace is kept on the clock the sleeps move, the real one unless a test injects both.
  const paceNow = deps.sleep === undefined ? () => Date.now() : () => deps.clock().getTime();
  const random = deps.random ?? Math.random;
  const log = deps.log ?? NO_LOG;
  const limiter = new ConversationLimiter(options.limits);
  const pacer = new TenantPacer(options.tenantLimit, options.tenantShare);
  let gate: Promise<void> = Promise.resolve();
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const store = deps.store;
  let last: ReturnType<Scheduler['lastTick']> = null;

  async function plan(now: Date, lastTick: Date | null, directory: Directory, inUse: readonly ChaseSettings[]): Promise<{ jobs: Job[]; stale: Array<Versioned<OutboundRecord>> }> {
    // Bodies with settings of their own widen the scan to their slots too.
    const scan = dueScan(now, [options.settings, ...inUse], lastTick);
    const found = await store.scanDue(scan);
    const byId = new Map(found.records.map((r) => [r.value.id, r]));
    const jobs: Job[] = [];
    const stale: Array<Versioned<OutboundRecord>> = [];

    for (const body of found.bodies) {
      const settings = bodyChaseSettings(body, options.settings);
      // Outside the body's working time its messages and retries wait for the next working moment.
      if (!isWorkingTime(now, settings)) continue;
      const records = found.records.filter((r) => r.value.bodyId === body.id);
      const pending = records.filter((r) => isRetryDue(r.value, now));
      const actions = await bodyActions(body, found.actions, pending, scan);
      // The records decide what was claimed; the rules need each action's latest update (an answer to reminders, a report for the round) and the reminders delivered (an escalation counts them).
      const delivered = records.filter((r) => r.value.state === 'sent').map((r) => r.value.id);
      const history = historyFromStore([...actions.byId.values()], [], delivered);
      const newFrom = catchUpFrom(now, lastTick, settings);
      const due = dueMessages({ now, settings, actions: actions.chased, meetings: body.meetings, history });
      const matched = new Set<string>();
      for (const rule of due) {
        if (Date.parse(rule.scheduledFor) < Date.parse(scan.recordsFrom)) continue;
        const action = rule.actionId === null ? null : (actions.byId.get(rule.actionId) ?? null);
        for (const recipient of recipients(body, rule.to, directory)) {
          const id = recipient.key === null ? sentMessageId(rule.kind, rule.actionId, rule.slot) : `${sentMessageId(rule.kind, rule.actionId, rule.slot)}@${recipient.key}`;
          matched.add(id);
          const existing = byId.get(id) ?? null;
          // A slot from before the dates this tick answers for was a previous tick's: it goes out now only as a retry.
          if (existing === null && !answersFor(rule, newFrom, settings.timeZone)) continue;
          if (existing !== null && !isRetryDue(existing.value, now)) continue;
          const target = await recipient.target();
          jobs.push({
            record: { id, bodyId: body.id, kind: rule.kind, actionId: rule.actionId, slot: rule.slot, scheduledFor: rule.scheduledFor, recipient: recipient.name, note: null },
            existing,
            message: messageFor(rule, body, action, target),
            target,
            body,
          });
        }
      }
      for (const record of pending) {
        // A digest is retried through its actions, which the rules make again while they are due.
        if (matched.has(record.value.id) || record.value.kind === 'digest') continue;
        if (record.value.kind === 'unreachable') jobs.push(...(await reportJobs(body, null, record, directory)));
        else stale.push(record);
      }
    }
    return { jobs, stale };
  }

  /** The body's actions the rules must see: the scan's, every open one when a meeting is near (rounds), and those with a retry due. */
  async function bodyActions(body: Body, scanned: StoredAction[], pending: Array<Versioned<OutboundRecord>>, scan: DueScan) {
    const byId = new Map(scanned.filter((a) => a.bodyId === body.id).map((a) => [a.id, a]));
    const meetsSoon = body.meetings.some((m) => m.slice(0, 10) >= scan.meetingsFrom && m.slice(0, 10) <= scan.meetingsTo);
    if (meetsSoon && body.currentPlanYear !== null) {
      for (const { value } of await store.listActions(body.id, body.currentPlanYear)) byId.set(value.id, value);
    }
    for (const { value } of pending) {
      if (value.actionId === null || byId.has(value.actionId)) continue;
      const read = await store.readAction(body.id, value.actionId);
      if (read !== null) byId.set(read.value.id, read.value);
    }
    const chased = [...byId.values()].map(chasedFromStored).filter((a): a is ChasedAction => a !== null);
    return { byId, chased };
  }

  /** Who gets a rule's message; where to reach them is read (`target`) only for a message that will be sent. */
  function recipients(body: Body, to: string, directory: Directory): Array<{ key: string | null; name: string; target: () => Promise<SendTarget | Unreachable> }> {
    const known = (target: SendTarget | Unreachable) => () => Promise.resolve(target);
    if (to === 'channel') {
      if (body.channel === null) return [{ key: null, name: 'channel', target: known({ reason: 'no-channel', who: `${body.name}'s channel`, subject: 'channel' }) }];
      return [{ key: null, name: 'channel', target: known({ kind: 'channel', name: body.channel.name, reference: body.channel.reference }) }];
    }
    if (to === 'chair') return body.chairs.map((chair) => ({ key: personKey(chair), name: personKey(chair), target: () => personTarget(chair, directory) }));
    const holder = roleHolder(body, to);
    if (holder === undefined) return [{ key: null, name: to, target: known({ reason: 'role-unmapped', who: `the ${to} role (no one holds it)`, subject: `role-${to}` }) }];
    return [{ key: null, name: personKey(holder.person), target: () => personTarget(holder.person, directory) }];
  }

  async function personTarget(person: Person, directory: Directory): Promise<SendTarget | Unreachable> {
    const entry = await directory(person);
    if (entry?.value.unreachable != null) return { reason: 'send-forbidden', who: person.displayName, subject: personKey(person), told: true };
    if (entry?.value.conversation == null) return { reason: 'no-conversation', who: person.displayName, subject: personKey(person) };
    return { kind: 'person', person, reference: entry.value.conversation };
  }

  /**
   * The reports that `who` cannot be reached, each with its deterministic id
   * so it is made once: to each chair the bot can reach, or, when it can
   * reach none, to the body's channel, where the chairs read it.
   */
  async function reportJobs(
    body: Body,
    about: { job: Job; unreachable: Unreachable; refs: string[] } | null,
    retry: Versioned<OutboundRecord> | null,
    directory: Directory,
  ): Promise<Job[]> {
    const ref: BodyRef = { id: body.id, name: body.name, timeZone: body.timeZone };
    const channel: SendTarget | null = body.channel === null ? null : { kind: 'channel', name: body.channel.name, reference: body.channel.reference };
    const chairs = await Promise.all(
      body.chairs.map(async (chair) => {
        const target = await personTarget(chair, directory);
        // Teams mentions someone by the id it knows them by in a chat; a chair the bot has never talked to, by their Entra id.
        const id = teamsUserId((await directory(chair))?.value.conversation) ?? chair.aadObjectId;
        return { key: personKey(chair), name: chair.displayName, target, mention: { id, name: chair.displayName } };
      }),
    );
    if (retry !== null) {
      const to = retry.value.recipient === 'channel' ? channel : (chairs.find((c) => c.key === retry.value.recipient)?.target ?? null);
      if (to === null) return [];
      const mentions = retry.value.recipient === 'channel' ? chairs.filter((c) => c.key !== retry.value.slot).map((c) => c.mention) : [];
      const message: OutboundMessage = { kind: 'unreachable', id: `unreachable:body:${retry.value.slot}`, body: ref, who: decodeURIComponent(retry.value.slot), reason: 'no-conversation', text: retry.value.note ?? '', mentions };
      return [{ record: { ...retry.value }, existing: retry, message, target: to, body }];
    }
    if (about === null) return [];
    const { unreachable, job, refs } = about;
    // The person concerned is never told that the bot cannot reach them: a chair who leads an action is one of them.
    const others = chairs.filter((c) => c.key !== unreachable.subject);
    const reachable = others.filter((c): c is (typeof others)[number] & { target: SendTarget } => 'kind' in c.target);
    const addressees: Array<{ key: string; target: SendTarget; mentions: Array<{ id: string; name: string }> }> =
      reachable.length > 0 || channel === null || unreachable.subject === 'channel'
        ? reachable.map((c) => ({ key: c.key, target: c.target, mentions: [] }))
        : [{ key: 'channel', target: channel, mentions: others.map((c) => c.mention) }];
    if (addressees.length === 0) log.warn('cannot tell the chair about someone unreachable: no chair and no channel can be reached', { body: body.id });
    const subject = encodeURIComponent(unreachable.subject);
    const text = unreachableText(body, unreachable, job, refs);
    return addressees.map((to) => ({
      record: { id: `${sentMessageId('unreachable', null, subject)}@${to.key}`, bodyId: body.id, kind: 'unreachable', actionId: null, slot: subject, scheduledFor: deps.clock().toISOString(), recipient: to.key, note: text },
      existing: null,
      message: { kind: 'unreachable', id: `unreachable:body:${subject}`, body: ref, who: unreachable.who, reason: unreachable.reason, text, mentions: to.mentions },
      target: to.target,
      body,
    }));
  }

  function backoff(attempts: number): number {
    const full = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempts - 1));
    return Math.round(full * (0.5 + random() / 2));
  }

  /** The claim: create with the deterministic id, or take over a record whose retry (or abandoned claim) is due. */
  async function claim(job: Job, now: Date): Promise<Versioned<OutboundRecord> | null> {
    const claimed = (previous: OutboundRecord | null): OutboundRecord => ({
      ...job.record,
      state: 'claimed',
      claimedAt: now.toISOString(),
      sentAt: null,
      attempts: (previous?.attempts ?? 0) + 1,
      lastError: previous?.lastError ?? null,
      nextAttemptAt: new Date(now.getTime() + options.staleClaimMs).toISOString(),
    });
    let existing = job.existing;
    if (existing === null) {
      const record = claimed(null);
      const created = await store.createOutbound(record);
      if (created.created) return { value: record, etag: created.etag };
      existing = created.existing;
      if (!isRetryDue(existing.value, now)) return null;
    }
    try {
      return await store.replaceOutbound(claimed(existing.value), existing.etag);
    } catch (error) {
      if (error instanceof ConcurrencyConflict) return null;
      throw error;
    }
  }

  async function run(job: Job, report: TickReport, enqueue: (jobs: Job[]) => void, directory: Directory): Promise<void> {
    const now = deps.clock();
    if (!('kind' in job.target)) return runUnreachable(job, job.target, report, enqueue, directory);
    if (job.items !== undefined) return runDigest(job, job.target, report, enqueue, directory);
    let held: Versioned<OutboundRecord> | null;
    try {
      held = await claim(job, now);
    } catch (error) {
      await releaseUnconfirmedClaim(job, now);
      throw error;
    }
    if (held === null) {
      report.taken++;
      return;
    }
    const save = (fields: Partial<OutboundRecord>) => settleRecord(held, { ...held.value, ...fields });
    const conversation = job.target.reference.conversation.id;
    const sentAt = await turn();
    if (sentAt === null) {
      // Teams asked the bot to wait longer than a tick waits: this claimed message goes with a later tick, its attempt not counted.
      await save({ state: 'failed', attempts: held.value.attempts - 1, nextAttemptAt: new Date(now.getTime() + pacer.waitMs(paceNow())).toISOString(), lastError: 'held back: Teams asked the bot to wait (429 Retry-After)' });
      report.deferred.push(job.record.id);
      return;
    }
    limiter.record(conversation, sentAt);
    try {
      await deps.send(job.target, job.message);
    } catch (error) {
      const failure = classifySendError(error);
      const attempts = held.value.attempts;
      const lastError = `${failure.reason}: ${failure.message}`;
      report.failed.push(job.record.id);
      log.warn('proactive send failed', { id: job.record.id, reason: failure.reason, attempts, error: failure.message });
      if (failure.reason === 'forbidden') {
        await save({ state: 'failed', nextAttemptAt: null, lastError });
        report.unreachable.push(job.record.id);
        const who = job.target.kind === 'person' ? job.target.person.displayName : `${job.body.name}'s channel (${job.target.name})`;
        const subject = job.target.kind === 'person' ? personKey(job.target.person) : 'channel';
        if (job.record.kind !== 'unreachable' && !failure.reported) enqueue(await reportJobs(job.body, { job, unreachable: { reason: 'send-forbidden', who, subject }, refs: refsOf([job]) }, null, directory));
        return;
      }
      const retryable = failure.reason !== 'rejected' && attempts < options.maxAttempts;
      const wait = failure.reason === 'throttled' && failure.retryAfterMs !== null ? failure.retryAfterMs : backoff(attempts);
      if (failure.reason === 'throttled') {
        // Within each conversation's limits by our own count, a 429 is the tenant's limit (or other bots'): every send waits.
        limiter.block(conversation, sentAt + wait);
        pacer.block(sentAt + wait);
      }
      await save({ state: 'failed', nextAttemptAt: retryable ? new Date(now.getTime() + wait).toISOString() : null, lastError });
      return;
    }
    await save({ state: 'sent', sentAt: deps.clock().toISOString(), nextAttemptAt: null });
    report.sent.push(job.record.id);
  }

  /** A group's messages claimed one by one; one another tick has is counted as taken. */
  async function claimEach(group: readonly Job[], report: TickReport, now: Date): Promise<Held[]> {
    const held: Held[] = [];
    for (const item of group) {
      const record = await claim(item, now);
      if (record === null) report.taken++;
      else held.push({ job: item, record });
    }
    return held;
  }

  /**
   * A tick's messages for someone it cannot reach (one job, or a group of
   * them): each claimed and failed for good, then one report naming every
   * action, unless the chairs already know.
   */
  async function runUnreachable(job: Job, unreachable: Unreachable, report: TickReport, enqueue: (jobs: Job[]) => void, directory: Directory): Promise<void> {
    const now = deps.clock();
    const group = job.items ?? [job];
    let held: Held[];
    let reports: Job[];
    try {
      held = await claimEach(group, report, now);
      if (held.length === 0) return;
      // The report is made before the records fail for good: if the store fails first, the claims are released and a later tick does both.
      const tell = job.record.kind !== 'unreachable' && unreachable.told !== true;
      reports = tell ? await reportJobs(job.body, { job: held[0]!.job, unreachable, refs: refsOf(held.map((h) => h.job)) }, null, directory) : [];
    } catch (error) {
      await releaseUnconfirmedClaims(group, now);
      throw error;
    }
    const lastError = `unreachable (${unreachable.reason}): ${unreachable.who}`;
    await settleAll(held.map((h) => ({ held: h.record, record: { ...h.record.value, state: 'failed', nextAttemptAt: null, lastError } })));
    report.unreachable.push(...held.map((h) => h.job.record.id));
    enqueue(reports);
  }

  /**
   * A digest (see the doc comment above): its actions claimed one by one,
   * then its own record, one send, and every record marked with the result.
   */
  async function runDigest(job: Job, target: SendTarget, report: TickReport, enqueue: (jobs: Job[]) => void, directory: Directory): Promise<void> {
    const now = deps.clock();
    const group = job.items ?? [];
    let held: Held[] = [];
    const items = (fields: (record: OutboundRecord) => Partial<OutboundRecord>) => held.map((h) => ({ held: h.record, record: { ...h.record.value, ...fields(h.record.value) } }));
    let claimed: { digest: Versioned<OutboundRecord>; sentAt: number } | null;
    try {
      held = await claimEach(group, report, now);
      if (held.length === 0) return;
      claimed = await claimDigest(job, held, items, report, now);
    } catch (error) {
      // Nothing was sent: every claim this tick made is released, so a later tick sends the digest.
      await releaseUnconfirmedClaims([...group, job], now);
      throw error;
    }
    if (claimed === null) return;
    const { digest, sentAt } = claimed;
    const ids = held.map((h) => h.job.record.id);
    // The digest and its actions are marked together: a record left claimed because another's write failed would be sent again.
    const mark = (fields: Partial<OutboundRecord>, itemFields: (record: OutboundRecord) => Partial<OutboundRecord> = () => fields) =>
      settleAll([{ held: digest, record: { ...digest.value, ...fields } }, ...items(itemFields)]);
    const message: DigestMessage = { ...(job.message as DigestMessage), entries: listed(held).map((h) => digestEntryOf(h.job)), beyond: beyond(held) };
    const conversation = target.reference.conversation.id;
    limiter.record(conversation, sentAt);
    try {
      await deps.send(target, message);
    } catch (error) {
      const failure = classifySendError(error);
      const lastError = `${failure.reason}: ${failure.message}`;
      report.failed.push(...ids);
      log.warn('proactive send failed', { id: job.record.id, actions: ids.length, reason: failure.reason, attempts: digest.value.attempts, error: failure.message });
      if (failure.reason === 'forbidden') {
        await mark({ state: 'failed', nextAttemptAt: null, lastError });
        report.unreachable.push(...ids);
        const who = target.kind === 'person' ? target.person.displayName : `${job.body.name}'s channel (${target.name})`;
        const subject = target.kind === 'person' ? personKey(target.person) : 'channel';
        if (!failure.reported) enqueue(await reportJobs(job.body, { job: held[0]!.job, unreachable: { reason: 'send-forbidden', who, subject }, refs: refsOf(held.map((h) => h.job)) }, null, directory));
        return;
      }
      // One wait for the digest and its actions, so they are retried together, as one message again.
      const wait = failure.reason === 'throttled' && failure.retryAfterMs !== null ? failure.retryAfterMs : backoff(digest.value.attempts);
      if (failure.reason === 'throttled') {
        limiter.block(conversation, sentAt + wait);
        pacer.block(sentAt + wait);
      }
      const retryAt = new Date(now.getTime() + wait).toISOString();
      const retryable = (attempts: number) => failure.reason !== 'rejected' && attempts < options.maxAttempts;
      await mark({ state: 'failed', nextAttemptAt: retryable(digest.value.attempts) ? retryAt : null, lastError }, (r) => ({ state: 'failed', nextAttemptAt: retryable(r.attempts) ? retryAt : null, lastError }));
      return;
    }
    await mark({ state: 'sent', sentAt: deps.clock().toISOString(), nextAttemptAt: null });
    report.sent.push(...ids, job.record.id);
  }

  /**
   * A digest's own record claimed and its send's turn taken, or null when it
   * does not go now: today's has gone (its actions wait for the next
   * morning's, unless it carried them) or Teams asked the bot to wait.
   */
  async function claimDigest(
    job: Job,
    held: readonly Held[],
    items: (fields: (record: OutboundRecord) => Partial<OutboundRecord>) => SettleWrite[],
    report: TickReport,
    now: Date,
  ): Promise<{ digest: Versioned<OutboundRecord>; sentAt: number } | null> {
    const ids = held.map((h) => h.job.record.id);
    const digest = await claim({ ...job, record: { ...job.record, items: listed(held).map((h) => digestItemOf(h.job)), beyond: beyond(held) }, existing: null }, now);
    if (digest === null) {
      // Today's digest has gone (or another tick is sending it): these wait for the next working morning's, unless it carried them.
      const sent = await store.readOutbound(job.record.bodyId, job.record.id);
      const carried = new Set(sent?.value.state === 'sent' ? (sent.value.items ?? []).map((i) => i.recordId) : []);
      const at = nextMorning(job.body, now);
      await settleAll(
        items((r) =>
          carried.has(r.id)
            ? { state: 'sent', sentAt: sent!.value.sentAt, nextAttemptAt: null }
            : { state: 'failed', attempts: r.attempts - 1, nextAttemptAt: at, lastError: "waits for the next day's digest: today's has gone" },
        ),
      );
      report.deferred.push(...ids.filter((id) => !carried.has(id)));
      return null;
    }
    const sentAt = await turn();
    if (sentAt === null) {
      const nextAttemptAt = new Date(now.getTime() + pacer.waitMs(paceNow())).toISOString();
      const lastError = 'held back: Teams asked the bot to wait (429 Retry-After)';
      await settleAll([{ held: digest, record: { ...digest.value, state: 'failed', attempts: digest.value.attempts - 1, nextAttemptAt, lastError } }, ...items((r) => ({ state: 'failed', attempts: r.attempts - 1, nextAttemptAt, lastError }))]);
      report.deferred.push(...ids);
      return null;
    }
    return { digest, sentAt };
  }

  /** A digest's actions its record and card list; every one of `held` is claimed, sent and marked with it. */
  function listed(held: readonly Held[]): readonly Held[] {
    return held.slice(0, DIGEST_ITEMS_RECORD_MAX);
  }

  function beyond(held: readonly Held[]): number {
    return Math.max(0, held.length - DIGEST_ITEMS_RECORD_MAX);
  }

  /** The local morning after `now`'s date, at the body's send time, or the working moment after it. */
  function nextMorning(body: Body, now: Date): string {
    const settings = bodyChaseSettings(body, options.settings);
    const tomorrow = addDays(localTime(now, settings.timeZone).date, 1);
    return nextWorkingMoment(new Date(localInstant(tomorrow, settings.sendAt, settings.timeZone)), settings);
  }

  /**
   * A tick's jobs as they are sent: each reachable recipient's prompts,
   * reminders, rounds and escalations as one digest (all of them: past
   * `DIGEST_ITEMS_RECORD_MAX` the digest counts the rest), and each
   * unreachable person's messages as one group; anything else alone.
   */
  function grouped(jobs: Job[], now: Date): Job[] {
    const groups = new Map<string, Job[]>();
    const out: Array<Job | Job[]> = [];
    for (const job of jobs) {
      const key = groupKey(job);
      if (key === null) {
        out.push(job);
        continue;
      }
      const group = groups.get(key);
      if (group === undefined) {
        const made = [job];
        groups.set(key, made);
        out.push(made);
      } else group.push(job);
    }
    return out.map((entry) => (Array.isArray(entry) ? groupJob(entry, now) : entry));
  }

  function groupJob(items: Job[], now: Date): Job {
    const first = items[0]!;
    if (!('kind' in first.target)) return { ...first, items };
    const target = first.target;
    const recipient = target.kind === 'person' ? personKey(target.person) : `channel-${first.body.id}`;
    const date = localTime(now, first.body.timeZone).date;
    const id = digestRecordId(recipient, date);
    const message: DigestMessage = { kind: 'digest', id, recordBodyId: first.body.id, date, timeZone: first.body.timeZone, audience: target.kind, entries: [] };
    return {
      record: { id, bodyId: first.body.id, kind: 'digest', actionId: null, slot: `${recipient}:${date}`, scheduledFor: first.record.scheduledFor, recipient: first.record.recipient, note: null },
      existing: null,
      message,
      target,
      body: first.body,
      items,
    };
  }

  /**
   * What became of a claimed message must be recorded: left `claimed`, a
   * sent message would go again once the claim is stale, and an unsent one
   * would wait for that. A failed write is read back (its answer may have
   * been lost after it was done) and tried again a few times.
   */
  async function settleRecord(held: Versioned<OutboundRecord>, record: OutboundRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.replaceOutbound(record, held.etag);
        return;
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS || !(error instanceof ConcurrencyConflict || isStoreUnavailable(error))) throw error;
        const stored = await store.readOutbound(held.value.bodyId, held.value.id).catch(() => undefined);
        // Done by the lost answer, or taken over by another tick since: either way not this tick's to write.
        if (stored === null || (stored !== undefined && stored.etag !== held.etag)) return;
        await sleep(SETTLE_PAUSE_MS * attempt);
      }
    }
  }

  /** Settles every write, each with its own retries, then fails with the first failure: one lost answer leaves no other record claimed. */
  async function settleAll(writes: readonly SettleWrite[]): Promise<void> {
    const results = await Promise.allSettled(writes.map((w) => settleRecord(w.held, w.record)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  /**
   * A claim whose answer was lost may have been written: left `claimed`, its
   * message would wait for the stale-claim time although it was never sent.
   * Nothing was sent, so it is made due again at once for the next tick. A
   * report that someone is unreachable cannot be made again by the rules,
   * so one whose claim never landed is stored for the next tick instead.
   */
  async function releaseUnconfirmedClaim(job: Job, now: Date): Promise<void> {
    try {
      const stored = await store.readOutbound(job.record.bodyId, job.record.id);
      if (stored === null && job.record.kind === 'unreachable' && job.existing === null) await keepForLater(job, now, 'its claim was not confirmed: the store did not answer');
      if (stored === null || stored.value.state !== 'claimed' || stored.value.claimedAt !== now.toISOString()) return;
      await store.replaceOutbound({ ...stored.value, state: 'failed', attempts: stored.value.attempts - 1, nextAttemptAt: now.toISOString(), lastError: 'claim not confirmed: the store did not answer' }, stored.etag);
    } catch (error) {
      log.warn('unconfirmed claim left to go stale', { id: job.record.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Releases what this tick claimed of a group whose send did not happen (see `releaseUnconfirmedClaim`), one after another. */
  async function releaseUnconfirmedClaims(jobs: readonly Job[], now: Date): Promise<void> {
    for (const job of jobs) await releaseUnconfirmedClaim(job, now);
  }

  /** Moves the mark to `now` unless a later tick (here or on another instance) has moved it further. */
  async function advanceTickMark(now: Date, read: Versioned<TickMark> | null): Promise<void> {
    let mark = read;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (mark !== null && Date.parse(mark.value.lastTickAt) >= now.getTime()) return;
      try {
        await store.saveTickMark({ id: TICK_MARK_ID, lastTickAt: now.toISOString() }, mark?.etag ?? null);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) && !(error instanceof AlreadyExists)) throw error;
        mark = await store.readTickMark();
      }
    }
  }

  function conversationOf(job: Job): string | null {
    return 'kind' in job.target ? job.target.reference.conversation.id : null;
  }

  /**
   * Waits for a send's turn at the tenant's pace, in the order sends ask;
   * resolves with the instant it may go, recorded as sent, or null when a
   * 429 holds every send for longer than `maxWaitMs`.
   */
  function turn(): Promise<number | null> {
    const mine = gate.then(async () => {
      for (let wait = pacer.waitMs(paceNow()); wait > 0; wait = pacer.waitMs(paceNow())) {
        if (wait > options.maxWaitMs) return null;
        await sleep(wait);
      }
      const at = paceNow();
      pacer.record(at);
      return at;
    });
    gate = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  }

  /**
   * Sends the jobs (see the doc comment above). Each pass asks each waiting
   * conversation its wait once and starts the first job that may go, up to
   * `maxInFlight` at once, one per conversation; each send then takes its
   * turn at the tenant's pace (`turn`). Jobs that send nothing (someone
   * unreachable) go first.
   */
  async function drain(jobs: Job[], report: TickReport, directory: Directory, stopped: () => boolean, tickAt: Date): Promise<void> {
    // Working time is the tick's: a tick at a chosen instant (the CLI's --at, local mode) runs its clock from there.
    const offset = tickAt.getTime() - deps.clock().getTime();
    const workingAt = (wait: number) => new Date(deps.clock().getTime() + offset + wait);
    const unsent: Job[] = [];
    const lanes = new Map<string, Job[]>();
    const enqueue = (more: Job[]) => {
      for (const job of more) {
        const conversation = conversationOf(job);
        if (conversation === null) unsent.push(job);
        else if (lanes.has(conversation)) lanes.get(conversation)!.push(job);
        else lanes.set(conversation, [job]);
      }
    };
    enqueue(jobs);
    const busy = new Set<string>();
    const running = new Set<Promise<void>>();
    const working = new Map<string, boolean>();
    const start = (job: Job, conversation: string | null) => {
      if (conversation !== null) busy.add(conversation);
      track(run(job, report, enqueue, directory), job, conversation);
    };
    const track = (work: Promise<void>, job: Job, conversation: string | null = null) => {
      const done: Promise<void> = work
        .catch((error: unknown) => {
          // A store error leaves this record as it was (claimed records are taken over once stale); the rest still go.
          log.error('scheduled message not completed', { id: job.record.id, error: error instanceof Error ? error.message : String(error) });
          report.failed.push(job.record.id);
        })
        .finally(() => {
          running.delete(done);
          if (conversation !== null) busy.delete(conversation);
        });
      running.add(done);
    };
    const leave = (conversation: string, lane: Job[]) => {
      lane.shift();
      if (lane.length === 0) lanes.delete(conversation);
    };

    while (unsent.length > 0 || lanes.size > 0 || running.size > 0) {
      if (running.size >= options.maxInFlight || (unsent.length === 0 && lanes.size === 0)) {
        await Promise.race(running);
        continue;
      }
      if (unsent.length > 0) {
        start(unsent.shift()!, null);
        continue;
      }
      const at = paceNow();
      const tenantWait = pacer.waitMs(at);
      let shortest = Number.POSITIVE_INFINITY;
      let chosen: string | null = null;
      for (const [conversation, lane] of lanes) {
        if (busy.has(conversation)) continue;
        const job = lane[0]!;
        const own = limiter.waitMs(conversation, at);
        const wait = Math.max(own, tenantWait);
        // The lease lost, a wait past maxWaitMs, or past the body's working day: the message stays unclaimed for a later tick.
        if (stopped() || wait > options.maxWaitMs || !inWorkingTime(job.body, workingAt(wait), working)) {
          report.deferred.push(...(job.items ?? [job]).map((j) => j.record.id));
          if (job.record.kind === 'unreachable' && job.existing === null) track(keepForLater(job, workingAt(wait)), job);
          leave(conversation, lane);
          continue;
        }
        if (own === 0) {
          chosen = conversation;
          break;
        }
        shortest = Math.min(shortest, own);
      }
      if (chosen !== null) {
        const lane = lanes.get(chosen)!;
        const job = lane[0]!;
        leave(chosen, lane);
        start(job, chosen);
        continue;
      }
      if (running.size === 0 && !Number.isFinite(shortest)) continue;
      await Promise.race([...running, ...(Number.isFinite(shortest) ? [sleep(shortest)] : [])]);
    }
  }

  /**
   * A report that someone is unreachable, made by this tick and left for a
   * later one: the rules cannot make it again (its cause has failed for
   * good), so it is stored unclaimed, to be retried from `from` (the next
   * working moment when the day is over).
   */
  async function keepForLater(job: Job, from: Date, why = 'rate limit or end of the working day'): Promise<void> {
    const at = nextWorkingMoment(from, bodyChaseSettings(job.body, options.settings));
    await store.createOutbound({ ...job.record, state: 'failed', claimedAt: deps.clock().toISOString(), sentAt: null, attempts: 0, lastError: `left for a later tick (${why})`, nextAttemptAt: at });
  }

  /** Whether `at` is in the body's working time, asked once per body and minute. */
  function inWorkingTime(body: Body, at: Date, cache: Map<string, boolean>): boolean {
    const key = `${body.id} ${Math.floor(at.getTime() / 60_000)}`;
    let answer = cache.get(key);
    if (answer === undefined) cache.set(key, (answer = isWorkingTime(at, bodyChaseSettings(body, options.settings))));
    return answer;
  }

  return {
    lastTick: () => last,

    async preview(now = deps.clock()) {
      const mark = await store.readTickMark();
      const { jobs } = await plan(now, lastTickOf(mark), directoryReader(store), await hoursInUse());
      return jobs.map((job) => ({
        id: job.record.id,
        to: 'kind' in job.target ? (job.target.kind === 'person' ? job.target.person.displayName : `channel ${job.target.name}`) : job.target.who,
        message: job.message,
        unreachable: 'kind' in job.target ? null : job.target.reason,
      }));
    },

    async tick(now = deps.clock()) {
      const report: TickReport = { at: now.toISOString(), sent: [], failed: [], unreachable: [], deferred: [], noLongerDue: [], taken: 0, skipped: null };
      const inUse = await hoursInUse();
      // Nothing is sent or retried outside a body's working time: with no body in it, there is nothing to scan or to write.
      if (!inUse.some((settings) => isWorkingTime(now, settings))) return finish(report, 'no body is in working time');
      const directory = directoryReader(store);
      const mark = await store.readTickMark();
      const planned = deps.clock().getTime();
      let { jobs, stale } = await plan(now, lastTickOf(mark), directory, inUse);
      if (jobs.length > 0 || stale.length > 0) {
        // Only a tick with something to write takes the lease: a tick that finds nothing new writes nothing.
        const lease = options.leaseTtlMs === null ? null : await takeTickLease(store, { holder: instanceId, ttlMs: options.leaseTtlMs, clock: deps.clock, onError: (error) => log.warn('tick lease not renewed', { error: String(error) }) });
        if (lease !== null && !lease.held) return finish(report, `another tick (${lease.holder}) is running; its lease ends by ${lease.until}`);
        if (lease?.previous != null && lease.previous.holder !== instanceId && Date.parse(lease.previous.expiresAt) > planned) {
          // Another tick held the lease while this one planned: what it sent is no longer to send. Plan again, under the lease.
          ({ jobs, stale } = await plan(now, lastTickOf(mark), directory, inUse));
        }
        try {
          for (const record of stale) {
            try {
              await store.replaceOutbound({ ...record.value, state: 'failed', nextAttemptAt: null, lastError: `no longer due (${record.value.lastError ?? 'claim abandoned'})` }, record.etag);
              report.noLongerDue.push(record.value.id);
            } catch (error) {
              if (!(error instanceof ConcurrencyConflict)) throw error;
            }
          }
          await drain(grouped(jobs, now), report, directory, () => lease?.lost() === true, now);
        } finally {
          await lease?.release();
        }
      }
      if (tickMarkMatters(mark, now, inUse)) await advanceTickMark(now, mark);
      return finish(report, null);
    },
  };

  /** Each body's hours (its zone and own settings), each distinct set once. */
  async function hoursInUse(): Promise<ChaseSettings[]> {
    const distinct = new Map<string, ChaseSettings>();
    for (const hours of await store.listBodyHours()) {
      const settings = bodyChaseSettings(hours, options.settings);
      distinct.set(JSON.stringify(settings), settings);
    }
    return [...distinct.values()];
  }

  function finish(report: TickReport, skipped: string | null): TickReport {
    report.skipped = skipped;
    last = { at: report.at, finishedAt: deps.clock().toISOString(), sent: report.sent.length, failed: report.failed.length };
    log.info('tick', { at: report.at, sent: report.sent.length, failed: report.failed.length, unreachable: report.unreachable.length, deferred: report.deferred.length, skipped });
    return report;
  }
}

/**
 * Whether moving the tick mark to `now` changes what a later tick does: a
 * tick after a gap catches up from the mark's local date (in each body's
 * zone, and the scan's UTC), so the mark is written the first time a tick
 * runs on a new date in one of them, not on every tick.
 */
function tickMarkMatters(mark: Versioned<TickMark> | null, now: Date, inUse: readonly ChaseSettings[]): boolean {
  if (mark === null) return true;
  const at = new Date(mark.value.lastTickAt);
  if (at.getTime() >= now.getTime()) return false;
  return ['UTC', ...inUse.map((s) => s.timeZone)].some((zone) => localTime(at, zone).date !== localTime(now, zone).date);
}

/** Rounds and summaries stay due until their meeting; the other kinds go out for the first time on the dates from `from` (see catchUpFrom). */
function answersFor(rule: DueMessage, from: string, zone: string): boolean {
  if (rule.kind === 'round' || rule.kind === 'summary') return true;
  return localTime(new Date(rule.scheduledFor), zone).date >= from;
}

function lastTickOf(mark: Versioned<TickMark> | null): Date | null {
  return mark === null ? null : new Date(mark.value.lastTickAt);
}

function messageFor(rule: DueMessage, body: Body, action: StoredAction | null, target: SendTarget | Unreachable): OutboundMessage {
  const ref: BodyRef = { id: body.id, name: body.name, timeZone: body.timeZone };
  if (rule.kind === 'summary') return { ...rule, body: ref };
  const card = cardView(action!, body, target);
  if (rule.kind === 'escalation') {
    const leadName = rule.lead === null ? null : (roleHolder(body, rule.lead)?.person.displayName ?? null);
    return { ...rule, body: ref, action: card, leadName };
  }
  return { ...rule, body: ref, action: card };
}

/** In a 1:1 chat only its person sees the card: theirs is the copy that refreshes itself. */
function cardView(action: StoredAction, body: Body, target: SendTarget | Unreachable): ActionCardView {
  const userId = 'kind' in target && target.kind === 'person' ? teamsUserId(target.reference) : null;
  return actionCardView(body, action, userId === null ? [] : [userId]);
}

/** Which group a job is sent in: a digest per recipient, or one report per unreachable person and body; null: alone. */
function groupKey(job: Job): string | null {
  if (!DIGEST_KINDS.has(job.record.kind)) return null;
  if (!('kind' in job.target)) return `unreachable ${job.body.id} ${job.target.subject}`;
  return job.target.kind === 'person' ? `person ${personKey(job.target.person)}` : `channel ${job.body.id}`;
}

type DigestRule = Extract<OutboundMessage, { kind: 'prompt' | 'reminder' | 'round' | 'escalation' }>;

function digestItemOf(job: Job): DigestItem {
  const message = job.message as DigestRule;
  return {
    recordId: job.record.id,
    bodyId: job.body.id,
    actionId: message.actionId ?? '',
    year: message.action.year,
    ref: message.action.ref,
    section: message.kind === 'escalation' ? 'chaired' : 'yours',
    reason: digestReason(message, job.body.name, job.body.timeZone),
  };
}

function digestEntryOf(job: Job): DigestEntry {
  const message = job.message as DigestRule;
  const lead = message.kind !== 'escalation' ? null : message.lead === null ? 'no lead named' : message.leadName === null ? message.lead : `${message.lead} (${message.leadName})`;
  return { item: digestItemOf(job), bodyName: job.body.name, action: message.action, lead };
}

/** The refs of the actions the jobs are about, each once, in plan order. */
function refsOf(jobs: readonly Job[]): string[] {
  const refs = new Set(jobs.flatMap((j) => ('action' in j.message ? [j.message.action.ref] : [])));
  return [...refs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function unreachableText(body: Body, unreachable: Unreachable, job: Job, refs: readonly string[]): string {
  const why: Record<UnreachableReason, string> = {
    'role-unmapped': 'no one is mapped to that role',
    'no-conversation': 'they have no chat with the bot yet (the app is not installed for them)',
    'send-forbidden': 'Teams refused the message: they blocked the bot or removed the app',
    'no-channel': 'no channel is linked to the body',
  };
  const about = refs.length > 0 ? `for ${countInWords(refs.length, 'action')}: ${listInWords(refs)}` : `about the ${job.record.kind}`;
  const fix = unreachable.reason === 'no-channel' ? "Ask the coordinator to link the body's channel." : 'Map the role to someone the bot can reach, or ask them to open the Partnership Actions app.';
  return `the bot cannot reach ${unreachable.who} in ${body.name} ${about}. Why: ${why[unreachable.reason]}. ${fix} You are told once; the bot does not keep retrying.`;
}
