import { z } from 'zod';
import { updateRecordedCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';

/** `undoUpdate`: the Undo button of a recorded update, for its few minutes. */
export const UndoUpdateDataSchema = z.object({ action: ActionKeySchema, updateId: z.string().min(1).max(300) });

export function undoUpdate(deps: CardDeps): CardHandler {
  return cardHandler('undoUpdate', UndoUpdateDataSchema, deps, async ({ person, data }) => {
    const view = await deps.useCases.undoUpdate(person, data.action, data.updateId);
    return renderCard('update-recorded', updateRecordedCardData(view, deps.timeZone));
  });
}
