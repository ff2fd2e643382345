import { z } from 'zod';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { digestCard } from './digest-card.js';
import { DigestRefSchema } from './digest-view.js';

/** `refreshDigest`: the digest as it stands (Teams refreshing it, or Back to the list), each action marked done once updated. */
export const RefreshDigestDataSchema = z.object({ digest: DigestRefSchema });

export function refreshDigest(deps: CardDeps): CardHandler {
  return cardHandler('refreshDigest', RefreshDigestDataSchema, deps, async ({ person, data, context }) => {
    const view = await deps.useCases.openDigest(person, data.digest, null);
    return digestCard(view, context.activity.from?.id ?? null);
  });
}
