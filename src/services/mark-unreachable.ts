import { personKey, type Body, type LinkedChannel, type Person } from '../domain/partnership.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { retryOnConflict, type ServiceDeps } from './deps.js';

export type UnreachableReason = 'member-removed' | 'app-uninstalled' | 'send-forbidden';

/** A body whose chair must hear of it: its linked channel (null: none linked) and chairs. */
export type WhoToTell = { body: Body; channel: LinkedChannel | null; message: string };

/**
 * Marks a person the bot can no longer reach, on their directory entry, and
 * says whom to tell: each body that maps them to a role, through its linked
 * channel and its chairs. Marking twice keeps the first `since`, so the
 * chair hears once per loss rather than on every failed send.
 */
export async function markUnreachable(
  deps: ServiceDeps,
  input: { person: Person; reason: UnreachableReason; detail: string },
): Promise<{ newlyUnreachable: boolean; tell: WhoToTell[] }> {
  const key = personKey(input.person);
  const now = deps.clock().toISOString();
  let newly = false;
  let bodies: string[] = [];
  // Teams does not always name the person in the event that loses them; the directory knows the name.
  let name = input.person.displayName;
  await retryOnConflict(async () => {
    const entry = await deps.store.readPerson(key);
    newly = entry?.value.unreachable == null;
    bodies = entry?.value.bodies ?? [];
    name = entry?.value.displayName ?? name;
    if (!newly) return;
    const unreachable = { since: now, reason: input.reason, detail: input.detail };
    const next = entry === null ? { ...input.person, id: key, bodies: [], conversation: null, unreachable } : { ...entry.value, unreachable };
    await deps.store.savePerson(next, entry?.etag ?? null).catch((error: unknown) => {
      throw error instanceof AlreadyExists ? new ConcurrencyConflict(key) : error;
    });
  }, input.person.displayName);
  if (!newly) return { newlyUnreachable: false, tell: [] };
  const tell: WhoToTell[] = [];
  for (const bodyId of bodies) {
    const body = await deps.store.readBody(bodyId);
    if (body === null) continue;
    const roles = body.value.roles.filter((r) => personKey(r.person) === key || (r.delegate !== null && personKey(r.delegate) === key)).map((r) => r.key);
    const why =
      input.reason === 'member-removed' ? 'left the team' : input.reason === 'app-uninstalled' ? 'removed the Partnership Actions app' : 'can no longer be messaged by the bot (blocked or app removed)';
    const chairs = body.value.chairs.map((c) => c.displayName).join(', ') || 'Chair';
    tell.push({
      body: body.value,
      channel: body.value.channel,
      message:
        `${chairs}: ${name} ${why}, so the bot cannot prompt them about ${body.value.name}'s actions` +
        `${roles.length > 0 ? ` (role${roles.length > 1 ? 's' : ''} ${roles.join(', ')})` : ''}. ` +
        'Map the role to someone else, or ask them to open the app again.',
    });
  }
  return { newlyUnreachable: true, tell };
}
