import { z } from 'zod';
import { cardHandler, noticeCard, type CardDeps, type CardHandler } from './card-handler.js';
import { placeOf, referenceOf } from './activity-facts.js';

/** `createBody`: the new-partnership card's Create, with its inputs (Teams merges them into the data). */
export const CreateBodyDataSchema = z.object({
  bodyId: z.string().min(1).max(100),
  channelName: z.string().min(1).max(200),
  name: z.string().max(200).default(''),
  kind: z.enum(['pcg', 'csp']).default('pcg'),
  parentId: z.string().max(100).optional(),
});

export function createBody(deps: CardDeps): CardHandler {
  return cardHandler('createBody', CreateBodyDataSchema, deps, async ({ person, data, context }) => {
    const where = { ...placeOf(context.activity), name: data.channelName, reference: referenceOf(context.activity) };
    const parentId = data.kind === 'pcg' && data.parentId !== undefined && data.parentId !== '' ? data.parentId : null;
    const created = await deps.useCases.createAndLink(person, where, { id: data.bodyId, name: data.name.trim(), kind: data.kind, parentId });
    return noticeCard(
      `Created ${created.bodyName}`,
      'You are its coordinator, and this channel is linked to it. Next: import its plan, and mention me here with **meetings add** and its next meeting, and with **role** to map its roles to people.',
    );
  });
}
