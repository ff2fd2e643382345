import { updateCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';
import { DigestRefSchema, NO_DIGEST } from './digest-view.js';

/** `refreshUpdate`: Teams asks for the latest update card when someone views it, so nobody updates from an old one. */
export const RefreshUpdateDataSchema = ActionKeySchema.extend({ digest: DigestRefSchema.default(NO_DIGEST) });

export function refreshUpdate(deps: CardDeps): CardHandler {
  return cardHandler('refreshUpdate', RefreshUpdateDataSchema, deps, async ({ person, data }) => {
    const view = await deps.useCases.openUpdate(person, { bodyId: data.bodyId, year: data.year, ref: data.ref });
    return renderCard('update', updateCardData(view, deps.timeZone, null, null, data.digest));
  });
}
