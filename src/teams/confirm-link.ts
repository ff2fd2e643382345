import { z } from 'zod';
import { cardHandler, noticeCard, type CardDeps, type CardHandler } from './card-handler.js';
import { placeOf, referenceOf } from './activity-facts.js';

/** `confirmLink`: Confirm on the card that named the channel a body would leave. */
export const ConfirmLinkDataSchema = z.object({
  bodyId: z.string().min(1).max(100),
  /** The token of the link the card showed: any other link now makes the press stale. */
  replacing: z.string().min(1).max(100),
  channelName: z.string().min(1).max(200),
});

export function confirmLink(deps: CardDeps): CardHandler {
  return cardHandler('confirmLink', ConfirmLinkDataSchema, deps, async ({ person, data, context }) => {
    const where = { ...placeOf(context.activity), name: data.channelName, reference: referenceOf(context.activity) };
    const linked = await deps.useCases.confirmLink(person, where, data.bodyId, data.replacing);
    return noticeCard(
      `Linked to ${linked.bodyName}`,
      linked.unlinked === null
        ? `This channel is linked to ${linked.bodyName}; nothing else changed.`
        : `This channel is now linked to ${linked.bodyName}, and "${linked.unlinked}" no longer is: summaries and escalations come here.`,
    );
  });
}
