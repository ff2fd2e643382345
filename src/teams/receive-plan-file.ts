import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import type { PlanUploadAnswer } from './bot-ports.js';
import type { CardDeps } from './card-handler.js';
import { choicesCardData } from './card-views.js';
import { personOf, placeOf } from './activity-facts.js';
import { planPreviewCardData, problemsText, type PlanPreviewView } from './plan-upload-views.js';
import { meetingsPreviewCardData } from './meetings-upload-views.js';
import { cardMessage } from './proactive-activity.js';
import { renderCard, type AdaptiveCardJson } from './render-card.js';
import { TEAMS_LIMITS } from './teams-limits.js';
import { TEXT, userTextFor } from './user-text.js';

/** How Teams hands a bot a file sent in a 1:1 chat (bot file APIs, `supportsFiles` in the manifest). */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export const FileAttachmentSchema = z.object({
  contentType: z.literal(FILE_DOWNLOAD_INFO),
  name: z.string().trim().min(1).max(255),
  content: z.looseObject({ downloadUrl: z.string().min(1).max(6144), fileType: z.string().max(40).optional() }),
});

function fileAttachments(context: TurnContext): unknown[] {
  return (context.activity.attachments ?? []).filter((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** Refusals about the file itself: listed on a card, as the CLI lists them, with nothing changed. */
const FILE_PROBLEMS = new Set<DomainErrorCode>([
  'file-unreadable', 'file-empty', 'file-too-large', 'file-unsupported', 'plan-invalid',
  'download-refused', 'download-expired', 'download-failed', 'download-slow', 'upload-changed',
]);

/**
 * The preview card, inside Teams' message size. Its other lists are cut to
 * fit already; the columns to correct come with a second copy of the token
 * (Read again's), so a card full of a long plan lists fewer of them, down to
 * none, and says how many more there are.
 */
export function planPreviewCard(view: PlanPreviewView, by: string): AdaptiveCardJson {
  for (let listed = view.columns.headings.length; ; listed--) {
    const card = renderCard('plan-preview', planPreviewCardData(view, by, listed));
    if (listed === 0 || Buffer.byteLength(JSON.stringify(card)) <= TEAMS_LIMITS.messageBytesMax) return card;
  }
}

/** The card that answers an upload: the preview, or which body the plan is for. */
export function planUploadCard(answer: PlanUploadAnswer, by: string) {
  if (answer.kind === 'preview') return planPreviewCard(answer.view, by);
  if (answer.kind === 'meetings') return renderCard('meetings-preview', meetingsPreviewCardData(answer.view));
  const choices = answer.view.bodies.map((b) => ({ title: b.name, kind: 'planFor' as const, data: { upload: answer.view.token, bodyId: b.id } }));
  return renderCard('choices', choicesCardData(`Which body is ${answer.view.fileName} for?`, TEXT.choosePlanBody, choices));
}

/** A refusal of an upload as a card when it is about the file, else as the usual words. */
export function uploadRefusal(error: unknown, fileName: string, deps: CardDeps, context: Record<string, unknown>) {
  const text = error instanceof DomainError && FILE_PROBLEMS.has(error.code) ? problemsText(fileName, error.problems) : userTextFor(error, deps.log, context);
  return renderCard('notice', { title: 'Not imported', text });
}

/**
 * A file sent to the bot. Routed before the typed commands: a file's message
 * often has no text, or only the file's name.
 */
export function registerPlanFileUpload(app: Application<TurnState>, deps: CardDeps): void {
  app.activity(
    async (context) => context.activity.type === 'message' && fileAttachments(context).length > 0,
    async (context) => {
      const person = personOf(context.activity, deps.tenantId);
      if (person === null) {
        await context.sendActivity(TEXT.noPerson);
        return;
      }
      if (placeOf(context.activity).scope !== 'personal') {
        await context.sendActivity({ text: TEXT.uploadNotHere, textFormat: 'markdown' });
        return;
      }
      const files = fileAttachments(context);
      if (files.length > 1) {
        await context.sendActivity({ text: TEXT.uploadOneFile, textFormat: 'markdown' });
        return;
      }
      const file = FileAttachmentSchema.safeParse(files[0]);
      if (!file.success) {
        deps.log.warn('a file attachment did not have the shape Teams gives', { activityId: context.activity.id, issues: file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        await context.sendActivity(TEXT.uploadUnreadable);
        return;
      }
      const fileName = file.data.name;
      try {
        const answer = await deps.useCases.previewPlanUpload(person, { url: file.data.content.downloadUrl, fileName });
        await context.sendActivity(cardMessage(planUploadCard(answer, person.displayName)));
      } catch (error) {
        await context.sendActivity(cardMessage(uploadRefusal(error, fileName, deps, { command: 'plan upload', activityId: context.activity.id })));
      }
    },
  );
}
