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
  const channel = { name: input.name.trim(), reference: reference.data, linkedBy: { tenantId: input.by.tenantId, aadObjectId: input.by.aadObjectId }, linkedAt: deps.clock().toISOString() };
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    return (await deps.store.replaceBody({ ...current.value, channel }, current.etag)).value;
  }, body.name);
}
