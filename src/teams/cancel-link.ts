import { z } from 'zod';
import { cardHandler, noticeCard, type CardDeps, type CardHandler } from './card-handler.js';

/** `cancelLink`: Cancel on a link confirmation or a new-body card; nothing was changed, and the card says so. */
export const CancelLinkDataSchema = z.object({ bodyId: z.string().min(1).max(100) });

export function cancelLink(deps: CardDeps): CardHandler {
  return cardHandler('cancelLink', CancelLinkDataSchema, deps, async ({ data }) =>
    noticeCard('Cancelled', `Nothing changed: this channel was not linked to "${data.bodyId}".`),
  );
}
