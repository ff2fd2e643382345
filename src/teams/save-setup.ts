import { z } from 'zod';
import { BodyIdSchema } from '../domain/partnership.js';
import { membersWithIds } from './activity-facts.js';
import { setupCardData } from './card-views.js';
import { cardHandler, type CardDeps, type CardHandler } from './card-handler.js';
import { renderCard } from './render-card.js';

/** More roles than any plan seen names (seed plans: under 30); a card claiming more is not ours. */
export const SETUP_ROLES_MAX = 200;

/** A people picker's value: one Entra object id, or '' when the person cleared it. */
const PickedIdSchema = z.union([z.literal(''), z.guid()]);

const AssignmentSchema = z.object({ key: z.string().min(1).max(200), holder: PickedIdSchema, delegate: PickedIdSchema });

/**
 * `saveSetup`: the set-up card's Save. The data carries what the card showed
 * (`shown`); Teams adds each picker's value beside it as `holder-<i>` and
 * `delegate-<i>`. A picker Teams did not send counts as unchanged.
 */
export const SaveSetupDataSchema = z
  .looseObject({ bodyId: BodyIdSchema, shown: z.array(AssignmentSchema).max(SETUP_ROLES_MAX) })
  .transform((data, ctx) => {
    const picked = data.shown.map((shown, i) => {
      const read = (field: 'holder' | 'delegate') => {
        const raw = data[`${field}-${i}`];
        const parsed = PickedIdSchema.optional().safeParse(typeof raw === 'string' ? raw.trim() : raw);
        if (!parsed.success) ctx.addIssue({ code: 'custom', path: [`${field}-${i}`], message: 'not one Entra object id' });
        return parsed.success ? (parsed.data ?? shown[field]) : shown[field];
      };
      return { key: shown.key, holder: read('holder'), delegate: read('delegate') };
    });
    return { bodyId: data.bodyId, shown: data.shown, picked };
  });

export function saveSetup(deps: CardDeps): CardHandler {
  return cardHandler(
    'saveSetup',
    SaveSetupDataSchema,
    deps,
    async ({ person, data, context }) => {
      const findMembers = (conversationId: string, ids: string[]) =>
        membersWithIds(context, conversationId, ids, deps.tenantId).catch((error: unknown) => {
          deps.log.warn('could not read the team roster', { error: error instanceof Error ? error.message : String(error) });
          return [];
        });
      const view = await deps.useCases.saveSetup(person, data, findMembers);
      return renderCard('setup', setupCardData(view, deps.timeZone));
    },
    { outOfDate: 'Nothing was changed. Type **setup** for a fresh set-up card.' },
  );
}
