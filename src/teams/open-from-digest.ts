import { z } from 'zod';
import { updateCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { DigestRefSchema } from './digest-view.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';

/** `openFromDigest`: an Update button on the day's digest, in the person's own chat. */
export const OpenFromDigestDataSchema = z.object({ digest: DigestRefSchema, action: ActionKeySchema });

/** The action's update card in the digest's place; it carries the digest, so recording (or Back to the list) shows the digest again. */
export function openFromDigest(deps: CardDeps): CardHandler {
  return cardHandler('openFromDigest', OpenFromDigestDataSchema, deps, async ({ person, data }) => {
    const view = await deps.useCases.openUpdate(person, data.action);
    return renderCard('update', updateCardData(view, deps.timeZone, null, null, data.digest));
  });
}
