import { z } from 'zod';
import { summaryCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { placeOf } from './activity-facts.js';
import { renderCard } from './render-card.js';

/** `showSummary`: a chair of several bodies chose one from `summary` in their 1:1 chat. */
export const ShowSummaryDataSchema = z.object({ bodyId: z.string().min(1).max(100) });

export function showSummary(deps: CardDeps): CardHandler {
  return cardHandler('showSummary', ShowSummaryDataSchema, deps, async ({ person, data, context }) => {
    const view = await deps.useCases.summary(person, placeOf(context.activity), data.bodyId);
    return renderCard('summary', summaryCardData(view, deps.timeZone));
  });
}
