import { ConversationReferenceSchema, personKey, type ConversationReference, type Person } from '../domain/partnership.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { requireBody, retryOnConflict, type ServiceDeps } from './deps.js';
import { findBodyByChannel } from './link-channel.js';

/**
 * Keeps a person's 1:1 conversation with the bot, so the scheduler can prompt
 * them. A person who writes to the bot can be reached again, so any mark of
 * being unreachable goes.
 */
export async function rememberConversation(deps: ServiceDeps, input: { person: Person; reference: ConversationReference }): Promise<void> {
  const reference = ConversationReferenceSchema.parse(input.reference);
  const key = personKey(input.person);
  await retryOnConflict(async () => {
    const entry = await deps.store.readPerson(key);
    // Every message passes here: an unchanged reference costs a read, not a write.
    const kept = entry?.value.conversation;
    if (kept != null && entry!.value.unreachable == null && kept.conversation.id === reference.conversation.id && kept.serviceUrl === reference.serviceUrl) return;
    const next =
      entry === null
        ? { ...input.person, id: key, bodies: [], conversation: reference, unreachable: null }
        : // The name stays as the coordinator mapped it: Teams leaves it out of some events.
          { ...entry.value, conversation: reference, unreachable: null };
    await deps.store.savePerson(next, entry?.etag ?? null).catch((error: unknown) => {
      throw error instanceof AlreadyExists ? new ConcurrencyConflict(key) : error;
    });
  }, input.person.displayName);
}

/**
 * A linked channel's reference, kept fresh from what Teams sends (its
 * service URL can move); an unlinked channel is nobody's yet, and a reference
 * that has not changed is not written again.
 */
export async function refreshChannelReference(deps: ServiceDeps, input: { conversationId: string; reference: ConversationReference }): Promise<void> {
  const reference = ConversationReferenceSchema.parse(input.reference);
  const body = await findBodyByChannel(deps, { conversationId: input.conversationId });
  if (body === null || body.channel === null || body.channel.reference.serviceUrl === reference.serviceUrl) return;
  await retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    if (current.value.channel === null) return;
    await deps.store.replaceBody({ ...current.value, channel: { ...current.value.channel, reference } }, current.etag);
  }, body.name);
}
