import type { TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { personOf, placeOf } from './activity-facts.js';
import { updateCardData } from './card-views.js';
import { answerWithMessage, type CardDeps } from './card-handler.js';
import { OpenUpdateDataSchema } from './open-update.js';
import { cardMessage } from './proactive-activity.js';
import { renderCard } from './render-card.js';
import { TEXT, userTextFor } from './user-text.js';

/**
 * `sendUpdateCard`: an Update button on a card that must stay as it is (the
 * `my actions` list, an escalation or summary posted in a channel). The
 * update card goes to the presser's own 1:1 chat with the bot (below the
 * list, when pressed there) and the invoke is answered with a line of text,
 * so the card pressed is never replaced, for them or anyone else.
 */
export function sendUpdateCard(deps: CardDeps) {
  return async (context: TurnContext, _state: TurnState, raw: unknown): Promise<string> => answerWithMessage(context, await send(context, raw));

  async function send(context: TurnContext, raw: unknown): Promise<string> {
    const person = personOf(context.activity, deps.tenantId);
    if (person === null) return 'This button can only be used by a person signed in to Teams.';
    const parsed = OpenUpdateDataSchema.safeParse(raw);
    if (!parsed.success) return 'This card is out of date: type **my actions** for a fresh one.';
    const ref = parsed.data.ref;
    try {
      const view = await deps.useCases.openUpdate(person, parsed.data);
      const message = cardMessage(renderCard('update', updateCardData(view, deps.timeZone)));
      const chat = await deps.useCases.personalChat(person);
      const here = context.activity.conversation?.id ?? '';
      if ((chat === null && placeOf(context.activity).scope === 'personal') || chat?.conversation.id === here) {
        await context.sendActivity(message);
        return `Action ${ref}'s update card is below.`;
      }
      if (chat === null) return TEXT.noPrivateChat(ref);
      await deps.sendPrivately(chat, message);
      return `I sent action ${ref}'s update card to your chat with Partnership Actions; this card stays as it is for everyone.`;
    } catch (error) {
      return userTextFor(error, deps.log, { verb: 'sendUpdateCard', activityId: context.activity.id });
    }
  }
}
