import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard, TurnState } from '@microsoft/teams-ai';
import type { z } from 'zod';
import type { ConversationReference, Person } from '../domain/partnership.js';
import type { BotLogger, BotUseCases } from './bot-ports.js';
import { personOf } from './activity-facts.js';
import { renderCard } from './render-card.js';
import { userTextFor } from './user-text.js';

/** What every card verb handler is given by the bot. */
export type CardDeps = {
  useCases: BotUseCases;
  tenantId: string;
  timeZone: string;
  log: BotLogger;
  /** Sends a message into a person's 1:1 chat with the bot, from any turn (a button pressed in a channel). */
  sendPrivately: (reference: ConversationReference, activity: Partial<Activity>) => Promise<void>;
};

export type CardHandler = (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard>;

/**
 * Answers the invoke with the card ourselves. Left to teams-ai, a returned
 * card that has a `refresh` makes it first call the connector to replace the
 * message for everyone, and from then on it does so for every answer on that
 * route (it keeps the switch in its closure): a connector round trip and a
 * failure point inside Teams' few seconds. A refresh already brings other
 * viewers up to date, so the card goes back to the person who pressed.
 */
export async function answerWithCard(context: TurnContext, card: AdaptiveCard): Promise<AdaptiveCard> {
  await answerInvoke(context, 'application/vnd.microsoft.card.adaptive', card);
  return card;
}

async function answerInvoke(context: TurnContext, type: string, value: unknown): Promise<void> {
  if (context.turnState.get(INVOKE_RESPONSE_KEY) === undefined) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type, value } } });
  }
}

/**
 * Answers the invoke with a line of text instead of a card: Teams shows it
 * beside the button and leaves the card as it was, which a card shared in a
 * channel must stay.
 */
export async function answerWithMessage(context: TurnContext, text: string): Promise<string> {
  await answerInvoke(context, 'application/vnd.microsoft.activity.message', text);
  return text;
}

export function noticeCard(title: string, text: string): AdaptiveCard {
  return renderCard('notice', { title, text });
}

/**
 * Teams shows "Something went wrong" for a failed invoke and may stop
 * refreshing that card, so every verb answers with a card: a `data` that
 * does not fit its schema (an old or tampered card) or an unexpected failure
 * becomes a notice card instead of an error.
 */
export function cardHandler<S extends z.ZodType>(
  verb: string,
  schema: S,
  deps: CardDeps,
  handle: (input: { person: Person; data: z.infer<S>; context: TurnContext }) => Promise<AdaptiveCard>,
  /** What to do about a card whose data does not fit: by default, ask for a fresh list of actions. */
  outOfDate = 'Type **my actions** for a fresh one.',
): CardHandler {
  return async (context, _state, raw) => answerWithCard(context, await cardFor(context, raw));

  async function cardFor(context: TurnContext, raw: unknown): Promise<AdaptiveCard> {
    const person = personOf(context.activity, deps.tenantId);
    if (person === null) return noticeCard('Not recorded', 'This card can only be used by a person signed in to Teams.');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      deps.log.warn('card data did not match its verb', { verb, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return noticeCard('This card is out of date', outOfDate);
    }
    try {
      return await handle({ person, data: parsed.data, context });
    } catch (error) {
      return noticeCard('Nothing was changed', userTextFor(error, deps.log, { verb, activityId: context.activity.id }));
    }
  }
}
