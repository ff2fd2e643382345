import { channelConversationId, channelLinkId } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { BodyIdSchema, ConversationReferenceSchema, type Body, type ConversationReference, linkToken, type LinkedChannel, type PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/**
 * What `link <body>` in a channel would do: link it, nothing (linked here
 * already), move the body's link from another channel (to be confirmed), or,
 * for an id no body has, start a new body.
 */
export type LinkPlan =
  | { kind: 'link'; body: Body }
  | { kind: 'here'; body: Body }
  | { kind: 'move'; body: Body; from: LinkedChannel }
  | { kind: 'new-body'; bodyId: string };

export async function planLink(deps: ServiceDeps, input: { bodyId: string; conversationId: string; by: PersonId }): Promise<LinkPlan> {
  const id = BodyIdSchema.safeParse(input.bodyId);
  if (!id.success) throw new DomainError('input-invalid', `"${input.bodyId.slice(0, 64)}" is not a body id: ${id.error.issues[0]!.message}.`);
  const found = await deps.store.readBody(id.data);
  if (found === null) return { kind: 'new-body', bodyId: id.data };
  const body = found.value;
  requireAdministrator(body, input.by, 'link a channel');
  if (body.channel === null) return { kind: 'link', body };
  if (channelConversationId(body.channel.reference.conversation.id) === channelConversationId(input.conversationId)) return { kind: 'here', body };
  return { kind: 'move', body, from: body.channel };
}

/**
 * Links the body's Teams channel: where summaries and escalations go.
 * Coordinators and chairs only. A body linked to another channel moves only
 * when `replacing` names that link (its `linkToken`, as the confirmation
 * showed it): a link that changed since is refused as stale.
 */
export async function linkChannel(
  deps: ServiceDeps,
  input: { bodyId: string; name: string; reference: ConversationReference; by: PersonId; replacing?: string | null },
): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'link a channel');
  const reference = ConversationReferenceSchema.safeParse(input.reference);
  if (!reference.success || input.name.trim() === '') {
    throw new DomainError('input-invalid', 'Cannot link the channel: it needs a name and a conversation reference with a conversation id and service URL.');
  }
  const conversationId = channelConversationId(reference.data.conversation.id);
  const channel = { name: input.name.trim(), reference: reference.data, linkedBy: { tenantId: input.by.tenantId, aadObjectId: input.by.aadObjectId }, linkedAt: deps.clock().toISOString(), linkId: deps.newId() };
  requireLinkable(body, conversationId, input.replacing ?? null);
  // The link first: a link to a body whose channel then changes is corrected by findBodyByChannel.
  await deps.store.saveChannelLink({ id: channelLinkId(conversationId), conversationId, bodyId: body.id });
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    requireLinkable(current.value, conversationId, input.replacing ?? null);
    return (await deps.store.replaceBody({ ...current.value, channel }, current.etag)).value;
  }, body.name);
}

/** A body linked elsewhere is moved only by a confirmation of the very link it has now. */
function requireLinkable(body: Body, conversationId: string, replacing: string | null): void {
  const linked = body.channel;
  if (linked === null || channelConversationId(linked.reference.conversation.id) === conversationId || linkToken(linked) === replacing) return;
  if (replacing === null) {
    throw new DomainError('link-elsewhere', `${body.name} is linked to the channel "${linked.name}"; linking it here unlinks that one, so it needs a confirmation.`);
  }
  throw new DomainError('link-stale', `Not changed: ${body.name}'s link changed after this confirmation was sent (it is now linked to "${linked.name}"). Link again to see where it stands.`);
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
