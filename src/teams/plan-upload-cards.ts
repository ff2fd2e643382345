import { z } from 'zod';
import { MAX_CORRECTABLE_HEADINGS } from '../domain/column-corrections.js';
import { BodyIdSchema, type Person } from '../domain/partnership.js';
import { ActionRefSchema } from '../domain/plan.js';
import type { PlanUploadAnswer } from './bot-ports.js';
import { cardHandler, noticeCard, type CardDeps, type CardHandler } from './card-handler.js';
import { planImportedCardData } from './plan-upload-views.js';
import { meetingsAddedText } from './meetings-upload-views.js';
import { planUploadCard, uploadRefusal } from './receive-plan-file.js';
import { renderCard } from './render-card.js';
import { TEXT } from './user-text.js';

/**
 * The plan preview card's buttons. The card's data carries only the bot's
 * signed token and the coordinator's inputs: each suggested link's toggle
 * (`keep-<ref>`, "true"/"false") and the box of links of their own.
 */
const TokenSchema = z.string().min(1).max(16_384);
const KEEP = /^keep-(.+)$/;

export const ImportPlanUploadDataSchema = z
  .looseObject({ upload: TokenSchema, links: z.string().max(5000).default('') })
  .transform((data, ctx) => {
    const keep: Record<string, boolean> = {};
    for (const [key, value] of Object.entries(data)) {
      const m = KEEP.exec(key);
      if (m === null) continue;
      if (!ActionRefSchema.safeParse(m[1]).success || (value !== 'true' && value !== 'false' && typeof value !== 'boolean')) {
        ctx.addIssue({ code: 'custom', message: `${key.slice(0, 40)} is not a link toggle`, path: [key.slice(0, 40)] });
        return z.NEVER;
      }
      keep[m[1]!] = value === true || value === 'true';
    }
    if (Object.keys(keep).length > 500) {
      ctx.addIssue({ code: 'custom', message: 'too many link toggles' });
      return z.NEVER;
    }
    return { token: data.upload, links: data.links, keep };
  });

/** Cancel changes nothing, so it carries only the file's name, not a second copy of the token (cards stay small). */
export const CancelPlanUploadDataSchema = z.object({ fileName: z.string().trim().min(1).max(255) });
export const PreviewPlanUploadForDataSchema = z.object({ upload: TokenSchema, bodyId: BodyIdSchema });

/**
 * Read again: the token and each heading's choice (`col-<n>`, n its place
 * in the card's list). Which headings and fields are valid is known only
 * once the file is read again, so the use case checks them; here only their
 * number is bounded. The card's other inputs (link toggles) may come too.
 */
const COLUMN = /^col-(.*)$/;
/** The year chosen on the card ("2025-26"); checked as a plan year by the use case. */
const PlanYearInputSchema = z.string().trim().max(9).optional().transform((v) => (v === '' ? undefined : v));
export const RereadPlanUploadDataSchema = z.looseObject({ upload: TokenSchema }).transform((data, ctx) => {
  const choices = Object.fromEntries(Object.entries(data).flatMap(([key, value]) => {
    const m = COLUMN.exec(key);
    return m === null ? [] : [[m[1]!.slice(0, 40), value]];
  }));
  if (Object.keys(choices).length > MAX_CORRECTABLE_HEADINGS) {
    ctx.addIssue({ code: 'custom', message: 'too many column choices' });
    return z.NEVER;
  }
  const year = PlanYearInputSchema.safeParse(data['planYear']);
  if (!year.success) {
    ctx.addIssue({ code: 'custom', message: 'the plan year is not a year' });
    return z.NEVER;
  }
  return { token: data.upload, choices, year: year.data ?? null };
});

export function importPlanUpload(deps: CardDeps): CardHandler {
  return cardHandler(
    'importPlanUpload',
    ImportPlanUploadDataSchema,
    deps,
    async ({ person, data }) => renderCard('plan-imported', planImportedCardData(await deps.useCases.importPlanUpload(person, data))),
    { outOfDate: TEXT.uploadAgain },
  );
}

/** Add on a calendar file's preview card: the token is all it carries. */
export function importMeetingsUpload(deps: CardDeps): CardHandler {
  return cardHandler(
    'importMeetingsUpload',
    z.object({ upload: TokenSchema }),
    deps,
    async ({ person, data }) => noticeCard('Meetings added', meetingsAddedText(await deps.useCases.importMeetingsUpload(person, data.upload), person.displayName)),
    { outOfDate: TEXT.uploadAgain },
  );
}

export function cancelPlanUpload(deps: CardDeps): CardHandler {
  return cardHandler(
    'cancelPlanUpload',
    CancelPlanUploadDataSchema,
    deps,
    async ({ data }) => noticeCard('Cancelled', TEXT.uploadCancelled(data.fileName)),
    { outOfDate: TEXT.uploadAgain },
  );
}

/** A button answered with a fresh preview, or with the file's problems listed (nothing is stored either way). */
function previewing<S extends z.ZodType>(verb: string, schema: S, deps: CardDeps, answer: (person: Person, data: z.output<S>) => Promise<PlanUploadAnswer>): CardHandler {
  return cardHandler(
    verb,
    schema,
    deps,
    async ({ person, data, context }) => {
      try {
        return planUploadCard(await answer(person, data), person.displayName);
      } catch (error) {
        return uploadRefusal(error, 'the plan file', deps, { verb, activityId: context.activity.id });
      }
    },
    { outOfDate: TEXT.uploadAgain },
  );
}

export function rereadPlanUpload(deps: CardDeps): CardHandler {
  return previewing('rereadPlanUpload', RereadPlanUploadDataSchema, deps, (person, data) => deps.useCases.rereadPlanUpload(person, data));
}

export function previewPlanUploadFor(deps: CardDeps): CardHandler {
  return previewing('previewPlanUploadFor', PreviewPlanUploadForDataSchema, deps, (person, data) => deps.useCases.previewPlanUploadFor(person, data.upload, data.bodyId));
}
