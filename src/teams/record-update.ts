import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { updateCardData, updateRecordedCardData } from './card-views.js';
import { cardHandler, noticeCard, type CardDeps, type CardHandler } from './card-handler.js';
import { ActionKeySchema } from './open-update.js';
import { renderCard } from './render-card.js';
import { digestCard } from './digest-card.js';
import { DigestRefSchema, isDigest, NO_DIGEST } from './digest-view.js';
import { cardRefusalText } from './user-text.js';

/**
 * `recordUpdate`: the update card's submit. Teams merges the inputs into the
 * action's data. Only the shape is checked here; what a valid update is
 * (status, narrative length, deadline) is the domain's rule, applied by the
 * service, whose refusal comes back on the same card with the inputs kept.
 */
export const RecordUpdateDataSchema = z.object({
  action: ActionKeySchema,
  basedOn: z.string().default(''),
  status: z.string().default(''),
  // Generous bound: the domain's own limit gives the person the precise message.
  narrative: z.string().max(100_000).default(''),
  revisedDeadline: z.string().max(100).default(''),
  /** Only the "Record mine anyway" button of a stale refusal sends it. */
  confirmStale: z.boolean().default(false),
  /** The digest the card was opened from: recording shows it again, this action marked done. */
  digest: DigestRefSchema.default(NO_DIGEST),
  /** A coordinator's or chair's "Whose update is this?": a lead's Entra id, or '' for their own. */
  for: z.union([z.literal(''), z.guid()]).default(''),
});

export function recordUpdate(deps: CardDeps): CardHandler {
  return cardHandler('recordUpdate', RecordUpdateDataSchema, deps, async ({ person, data, context }) => {
    const inputs = { status: data.status, narrative: data.narrative, revisedDeadline: data.revisedDeadline };
    try {
      const recorded = await deps.useCases.recordUpdate(person, {
        action: data.action,
        status: data.status,
        narrative: data.narrative,
        revisedDeadline: data.revisedDeadline.trim() === '' ? null : data.revisedDeadline,
        basedOn: data.basedOn === '' ? null : data.basedOn,
        confirmStale: data.confirmStale,
        submissionId: context.activity.id ?? null,
        for: data.for === '' ? null : data.for,
      });
      if (isDigest(data.digest)) {
        const key = { bodyId: recorded.bodyId, year: recorded.year, ref: recorded.ref };
        const digest = await deps.useCases.openDigest(person, data.digest, { action: key, updateId: recorded.updateId });
        return digestCard(digest, context.activity.from?.id ?? null);
      }
      return renderCard('update-recorded', updateRecordedCardData(recorded, deps.timeZone));
    } catch (error) {
      const error_ = cardRefusalText(error, deps.log, { verb: 'recordUpdate', activityId: context.activity.id });
      // Re-read so the card shows the newest update (a stale refusal names it) and carries its id for the next try.
      const view = await deps.useCases.openUpdate(person, data.action).catch(() => null);
      if (view === null) return noticeCard('Not recorded', error_);
      const stale = error instanceof DomainError && error.code === 'update-stale';
      // After "not saved" or "may not be complete" the card still answers the update the person saw, so pressing it again is the same submission (a retry), whatever landed.
      const unsaved = error instanceof DomainError && error.code === 'store-unavailable';
      const shown = unsaved ? { ...view, latestId: data.basedOn === '' ? null : data.basedOn } : view;
      return renderCard('update', updateCardData(shown, deps.timeZone, { error: error_, inputs, stale }, null, data.digest));
    }
  });
}
