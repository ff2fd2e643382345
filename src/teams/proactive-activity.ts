import { CardFactory, type Activity } from 'botbuilder';
import { chaseText, escalationCardData, summaryCardData, updateCardData, type ProactiveView } from './card-views.js';
import { renderCard, type AdaptiveCardJson } from './render-card.js';

export function cardMessage(card: AdaptiveCardJson, text?: string): Partial<Activity> {
  return { type: 'message', ...(text === undefined ? {} : { text }), attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * The activity for a message the bot sends unasked: the update card with
 * why it came (prompt, reminder, round), the escalation card, the summary
 * card (the same as `@bot summary` shows), or a plain notice.
 */
export function proactiveActivity(view: ProactiveView, defaultZone: string): Partial<Activity> {
  switch (view.kind) {
    case 'notice':
      return { type: 'message', text: view.text };
    case 'summary':
      return cardMessage(renderCard('summary', summaryCardData(view.summary, defaultZone)), `The chair's summary before the meeting: ${view.summary.title}.`);
    case 'escalation':
      return cardMessage(renderCard('escalation', escalationCardData(view, defaultZone)), chaseText(view, defaultZone));
    default:
      return cardMessage(renderCard('update', updateCardData(view.form, defaultZone)), chaseText(view, defaultZone));
  }
}
