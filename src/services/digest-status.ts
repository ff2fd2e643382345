import { lastReportedAt, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import type { DigestItem } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import { personKey, type Body, type Person } from '../domain/partnership.js';
import { isClosed } from '../domain/status.js';
import { answeredSince } from '../domain/undo-update.js';
import type { ServiceDeps } from './deps.js';

export type DigestStatus = {
  date: string;
  entries: Array<{ item: DigestItem; body: Body; action: StoredAction; done: boolean }>;
  /** Actions it carried past `entries` (see `DIGEST_ITEMS_RECORD_MAX`), counted only. */
  beyond: number;
  /** The update the person just recorded (or undid) from the digest, with its action as it stands; null when none was named or it is not one of the digest's. */
  recorded: { update: StatusUpdate; action: StoredAction; body: Body } | null;
};

/**
 * A digest the scheduler sent to `person`, as it stands now: each of its
 * actions read again, done once an update was recorded after the digest was
 * claimed and not undone (or the action is closed). Only the digest's
 * addressee may read it. One point read for the digest, one per action and
 * body, one for the update named in `recorded`, and a query of an action's
 * updates only when its latest is an undo.
 */
export async function digestStatus(
  deps: ServiceDeps,
  input: { person: Person; bodyId: string; id: string; recorded?: { bodyId: string; updateId: string } | null },
): Promise<DigestStatus> {
  const record = await deps.store.readOutbound(input.bodyId, input.id);
  if (record === null || record.value.kind !== 'digest' || record.value.recipient !== personKey(input.person)) {
    throw new DomainError('not-allowed', 'This list was not sent to you, or is no longer kept. Type **my actions** for yours.');
  }
  const since = Date.parse(record.value.claimedAt);
  const bodies = new Map<string, Body | null>();
  const entries: DigestStatus['entries'] = [];
  for (const item of record.value.items ?? []) {
    if (!bodies.has(item.bodyId)) bodies.set(item.bodyId, (await deps.store.readBody(item.bodyId))?.value ?? null);
    const body = bodies.get(item.bodyId) ?? null;
    const action = (await deps.store.readAction(item.bodyId, item.actionId))?.value ?? null;
    if (body === null || action === null) continue;
    entries.push({ item, body, action, done: await answered(deps, action, since) });
  }
  return { date: record.value.slot.slice(-10), entries, beyond: record.value.beyond ?? 0, recorded: await recordedIn(deps, entries, input.recorded ?? null) };
}

async function answered(deps: ServiceDeps, action: StoredAction, since: number): Promise<boolean> {
  const latest = action.latest;
  if (isClosed(latest?.status ?? action.plan.status)) return true;
  const at = lastReportedAt(latest);
  if (latest === null || at === null || Date.parse(at) < since) return false;
  // An undo written before undos kept the time they bring back: the updates themselves tell.
  return latest.source !== 'undo' || latest.restoresAt !== undefined || answeredSince(await deps.store.listUpdates(action.bodyId, action.id), since);
}

/** The named update, only when it is about one of the digest's actions: a digest shows nothing of any other. */
async function recordedIn(deps: ServiceDeps, entries: DigestStatus['entries'], named: { bodyId: string; updateId: string } | null): Promise<DigestStatus['recorded']> {
  if (named === null || !entries.some((e) => e.body.id === named.bodyId)) return null;
  const update = await deps.store.readUpdate(named.bodyId, named.updateId);
  const entry = update === null ? undefined : entries.find((e) => e.body.id === update.bodyId && e.action.id === update.actionId);
  return update === null || entry === undefined ? null : { update, action: entry.action, body: entry.body };
}
