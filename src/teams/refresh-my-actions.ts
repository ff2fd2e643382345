import { z } from 'zod';
import { myActionsCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { renderCard } from './render-card.js';

/** `refreshMyActions`: Teams asks for the person's list again when they look at an old copy, so it shows today's statuses. */
export const RefreshMyActionsDataSchema = z.object({}).loose();

export function refreshMyActions(deps: CardDeps): CardHandler {
  return cardHandler('refreshMyActions', RefreshMyActionsDataSchema, deps, async ({ person, context }) => {
    const view = await deps.useCases.listMyActions(person);
    return renderCard('my-actions', myActionsCardData(view, deps.timeZone, context.activity.from?.id ?? null));
  });
}
