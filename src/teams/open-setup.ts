import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/partnership.js';
import { BodyIdSchema } from '../domain/partnership.js';
import { placeOf } from './activity-facts.js';
import { choicesCardData, setupCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { renderCard, type AdaptiveCardJson } from './render-card.js';

/** `openSetup`: a body's set-up card, from the choice among bodies or the card's own Refresh. */
export const OpenSetupDataSchema = z.object({ bodyId: BodyIdSchema });

/** The set-up card for `setup` typed or pressed: the body's card, or a choice when the person runs several. */
export async function setupCard(deps: CardDeps, context: TurnContext, person: Person, bodyId: string | null): Promise<AdaptiveCardJson> {
  const found = await deps.useCases.setup(person, placeOf(context.activity), bodyId);
  if (found.kind === 'view') return renderCard('setup', setupCardData(found.view, deps.timeZone));
  const choices = found.bodies.map((b) => ({ title: b.name, kind: 'setup' as const, data: { bodyId: b.id } }));
  return renderCard('choices', choicesCardData('Set up', 'You coordinate or chair several bodies: which one?', choices));
}

export function openSetup(deps: CardDeps): CardHandler {
  return cardHandler('openSetup', OpenSetupDataSchema, deps, ({ person, data, context }) => setupCard(deps, context, person, data.bodyId), { outOfDate: 'Type **setup** for a fresh one.' });
}
