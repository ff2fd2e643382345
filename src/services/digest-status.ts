import type { StoredAction } from '../domain/action-record.js';
import type { DigestItem } from '../domain/digest.js';
import { DomainError } from '../domain/errors.js';
import { personKey, type Body, type Person } from '../domain/partnership.js';
import { isClosed } from '../domain/status.js';
import type { ServiceDeps } from './deps.js';

export type DigestStatus = {
  date: string;
  entries: Array<{ item: DigestItem; body: Body; action: StoredAction; done: boolean }>;
};

/**
 * A digest the scheduler sent to `person`, as it stands now: each of its
 * actions read again, done once an update was recorded after the digest was
 * claimed (or the action is closed). Only the digest's addressee may read it.
 * One point read for the digest, and one per action and body.
 */
export async function digestStatus(deps: ServiceDeps, input: { person: Person; bodyId: string; id: string }): Promise<DigestStatus> {
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
    const latest = action.latest;
    const done = (latest !== null && Date.parse(latest.at) >= since) || isClosed(latest?.status ?? action.plan.status);
    entries.push({ item, body, action, done });
  }
  return { date: record.value.slot.slice(-10), entries };
}
