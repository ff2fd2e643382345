import { CardFactory, type Activity } from 'botbuilder';
import { summaryCardData, type ProactiveView } from './card-views.js';
import { renderCard, type AdaptiveCardJson } from './render-card.js';
import { digestCard } from './digest-card.js';

/** A person to @mention in a message, by their Teams user id (or Entra object id) and name. */
export type Mention = { id: string; name: string };

/**
 * A notice addressed to people: in a channel each is @mentioned, so Teams
 * tells them, and the text starts with their names as Teams shows a mention.
 */
export function mentionNotice(text: string, mentions: readonly Mention[]): Partial<Activity> {
  if (mentions.length === 0) return { type: 'message', text: `${text.charAt(0).toUpperCase()}${text.slice(1)}` };
  const tags = mentions.map((m) => `<at>${m.name}</at>`);
  return {
    type: 'message',
    text: `${tags.join(', ')}: ${text}`,
    entities: mentions.map((m, i) => ({ type: 'mention', text: tags[i], mentioned: { id: m.id, name: m.name } })),
  };
}

export function cardMessage(card: AdaptiveCardJson, text?: string): Partial<Activity> {
  return { type: 'message', ...(text === undefined ? {} : { text }), attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * The activity for a message the bot sends unasked: the day's digest, the
 * summary card (the same as `@bot summary` shows), or a notice (its
 * addressees @mentioned in a channel).
 */
export function proactiveActivity(view: ProactiveView, defaultZone: string): Partial<Activity> {
  switch (view.kind) {
    case 'notice':
      return mentionNotice(view.text, view.mentions ?? []);
    case 'digest':
      // The person's own copy refreshes itself: their Teams id is the conversation's user, which the view does not carry.
      return cardMessage(digestCard(view.digest, view.viewerId));
    case 'summary':
      return cardMessage(renderCard('summary', summaryCardData(view.summary, defaultZone)), `The chair's summary before the meeting: ${view.summary.title}.`);
  }
}
