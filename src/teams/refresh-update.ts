import { updateCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';

/** `refreshUpdate`: Teams asks for the latest update card when someone views it, so nobody updates from an old one. */
export const RefreshUpdateDataSchema = ActionKeySchema;

export function refreshUpdate(deps: CardDeps): CardHandler {
  return cardHandler('refreshUpdate', RefreshUpdateDataSchema, deps, async ({ person, data }) => {
    const view = await deps.useCases.openUpdate(person, data);
    return renderCard('update', updateCardData(view, deps.timeZone));
  });
}
