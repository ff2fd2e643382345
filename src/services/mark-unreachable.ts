import { compareRefs } from '../domain/action-refs.js';
import { countInWords, listInWords } from '../domain/in-words.js';
import { personKey, samePerson, type Body, type LinkedChannel, type Person } from '../domain/partnership.js';
import { isClosed } from '../domain/status.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { retryOnConflict, type ServiceDeps } from './deps.js';

export type UnreachableReason = 'member-removed' | 'app-uninstalled' | 'send-forbidden';

/**
 * A body whose chair must hear of it: its linked channel (null: none
 * linked), the chairs to address (never the person lost), and the message,
 * one per person and body, naming every open action they lead.
 */
export type WhoToTell = { body: Body; channel: LinkedChannel | null; chairs: Person[]; message: string };

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
  const why =
    input.reason === 'member-removed' ? 'They left the team' : input.reason === 'app-uninstalled' ? 'They removed the Partnership Actions app' : 'Teams refuses the bot’s messages to them (blocked, or the app removed)';
  for (const bodyId of bodies) {
    const body = await deps.store.readBody(bodyId);
    if (body === null) continue;
    const roles = body.value.roles.filter((r) => personKey(r.person) === key || (r.delegate !== null && personKey(r.delegate) === key)).map((r) => r.key);
    const refs = await openActionsLedBy(deps, body.value, roles);
    const held = roles.length === 0 ? '' : ` (${roles.length > 1 ? 'roles' : 'role'} ${listInWords(roles)})`;
    const what = refs.length === 0 ? `about ${body.value.name}'s actions${held}` : `for ${countInWords(refs.length, 'action')} of ${body.value.name}${held}: ${listInWords(refs)}`;
    tell.push({
      body: body.value,
      channel: body.value.channel,
      chairs: body.value.chairs.filter((c) => !samePerson(c, input.person)),
      message: `the bot cannot reach ${name} ${what}. ${why}: ${roles.length === 0 ? '' : `map the ${roles.length > 1 ? 'roles' : 'role'} to someone else, or `}ask them to open the app again.`,
    });
  }
  return { newlyUnreachable: true, tell };
}

/** The refs of a body's open actions that `roles` lead, in plan order: one query on the body's partition. */
async function openActionsLedBy(deps: ServiceDeps, body: Body, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0 || body.currentPlanYear === null) return [];
  const keys = new Set(roles.map((r) => r.toLowerCase()));
  return (await deps.store.listActions(body.id, body.currentPlanYear))
    .map((a) => a.value)
    .filter((a) => a.removedInVersion === null && a.plan.lead !== null && keys.has(a.plan.lead.toLowerCase()) && !isClosed(a.latest?.status ?? a.plan.status))
    .map((a) => a.ref)
    .sort(compareRefs);
}
