import { channelConversationId, channelLinkId } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { ConversationReferenceSchema, type Body, type ConversationReference, type PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/** Links the body's Teams channel: where summaries and escalations go. Coordinators and chairs only. */
export async function linkChannel(
  deps: ServiceDeps,
  input: { bodyId: string; name: string; reference: ConversationReference; by: PersonId },
): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'link a channel');
  const reference = ConversationReferenceSchema.safeParse(input.reference);
  if (!reference.success || input.name.trim() === '') {
    throw new DomainError('input-invalid', 'Cannot link the channel: it needs a name and a conversation reference with a conversation id and service URL.');
  }
  const conversationId = channelConversationId(reference.data.conversation.id);
  const channel = { name: input.name.trim(), reference: reference.data, linkedBy: { tenantId: input.by.tenantId, aadObjectId: input.by.aadObjectId }, linkedAt: deps.clock().toISOString() };
  // The link first: a link to a body whose channel then changes is corrected by findBodyByChannel.
  await deps.store.saveChannelLink({ id: channelLinkId(conversationId), conversationId, bodyId: body.id });
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    return (await deps.store.replaceBody({ ...current.value, channel }, current.etag)).value;
  }, body.name);
}

/**
 * The body a Teams channel (or a reply thread in it) is linked to, or null:
 * a point read of the link, then of the body, which must still name the channel.
 */
export async function findBodyByChannel(deps: ServiceDeps, input: { conversationId: string }): Promise<Body | null> {
  const conversationId = channelConversationId(input.conversationId);
  const link = await deps.store.readChannelLink(channelLinkId(conversationId));
  if (link === null) return null;
  const body = await deps.store.readBody(link.bodyId);
  if (body === null || body.value.channel === null) return null;
  return channelConversationId(body.value.channel.reference.conversation.id) === conversationId ? body.value : null;
}
