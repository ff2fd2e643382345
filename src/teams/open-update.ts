import { z } from 'zod';
import { updateCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { renderCard } from './render-card.js';

/** Which action a card button is about; the same shape every card sends. */
export const ActionKeySchema = z.object({
  bodyId: z.string().min(1).max(100),
  year: z.string().min(1).max(20),
  ref: z.string().min(1).max(20),
});

/** `openUpdate`: an Update button on "my actions" or "Update again": the update card for one action. */
export const OpenUpdateDataSchema = ActionKeySchema;

export function openUpdate(deps: CardDeps): CardHandler {
  return cardHandler('openUpdate', OpenUpdateDataSchema, deps, async ({ person, data }) => {
    const view = await deps.useCases.openUpdate(person, data);
    return renderCard('update', updateCardData(view, deps.timeZone));
  });
}
