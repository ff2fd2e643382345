import { z } from 'zod';
import { updateRecordedCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { digestCard } from './digest-card.js';
import { DigestRefSchema, isDigest, NO_DIGEST } from './digest-view.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';
import { userTextFor } from './user-text.js';

/** One update of an action: what an Undo button and a digest's refresh carry. */
export const UpdateRefSchema = z.object({ action: ActionKeySchema, updateId: z.string().min(1).max(300) });

/** `undoUpdate`: the Undo button of a recorded update, for its few minutes; on a digest, it carries the digest. */
export const UndoUpdateDataSchema = UpdateRefSchema.extend({ digest: DigestRefSchema.default(NO_DIGEST) });

export function undoUpdate(deps: CardDeps): CardHandler {
  return cardHandler('undoUpdate', UndoUpdateDataSchema, deps, async ({ person, data, context }) => {
    if (!isDigest(data.digest)) {
      const view = await deps.useCases.undoUpdate(person, data.action, data.updateId);
      return renderCard('update-recorded', updateRecordedCardData(view, deps.timeZone));
    }
    // From a digest, the digest comes back: with the undo at its top, or with why it was refused, never a bare notice in its place.
    const viewer = context.activity.from?.id ?? null;
    try {
      const undone = await deps.useCases.undoUpdate(person, data.action, data.updateId);
      return digestCard(await deps.useCases.openDigest(person, data.digest, { action: data.action, updateId: undone.updateId }), viewer);
    } catch (error) {
      const refusal = userTextFor(error, deps.log, { verb: 'undoUpdate', activityId: context.activity.id });
      return digestCard({ ...(await deps.useCases.openDigest(person, data.digest, { action: data.action, updateId: data.updateId })), refusal }, viewer);
    }
  });
}
