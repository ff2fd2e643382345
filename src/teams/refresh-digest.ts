import { z } from 'zod';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { digestCard } from './digest-card.js';
import { DigestRefSchema } from './digest-view.js';
import { UpdateRefSchema } from './undo-update.js';

/**
 * `refreshDigest`: the digest as it stands (Teams refreshing it, or Back to
 * the list), each action marked done once updated; `recorded`, the update
 * just made from it, so a refresh keeps its line and its Undo while it lasts.
 */
export const RefreshDigestDataSchema = z.object({ digest: DigestRefSchema, recorded: UpdateRefSchema.nullable().default(null) });

export function refreshDigest(deps: CardDeps): CardHandler {
  return cardHandler('refreshDigest', RefreshDigestDataSchema, deps, async ({ person, data, context }) => {
    const view = await deps.useCases.openDigest(person, data.digest, data.recorded);
    return digestCard(view, context.activity.from?.id ?? null);
  });
}
