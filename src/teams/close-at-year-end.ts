import { z } from 'zod';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';
import { closeInputIds, yearEndCardData } from './year-end-card.js';

/**
 * `closeAtYearEnd`: a Close button of the year-end card. Its data names the
 * action; the inputs of every form on the card come with it, and this
 * action's are the ones whose ids carry its ref.
 */
export const CloseAtYearEndDataSchema = z.looseObject(ActionKeySchema.shape);

/** Longer than any reason the card lets through: a longer value is someone else's client, refused by the service. */
const INPUT_MAX = 10_000;

export function closeAtYearEnd(deps: CardDeps): CardHandler {
  return cardHandler('closeAtYearEnd', CloseAtYearEndDataSchema, deps, async ({ person, data }) => {
    const ids = closeInputIds(data.ref);
    const input = (id: string) => {
      const value = data[id];
      return typeof value === 'string' ? value.slice(0, INPUT_MAX) : '';
    };
    const view = await deps.useCases.closeAtYearEnd(person, { bodyId: data.bodyId, year: data.year, ref: data.ref, status: input(ids.status), reason: input(ids.reason) });
    return renderCard('year-end', yearEndCardData(view));
  });
}
