import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Person } from '../domain/partnership.js';
import type { ConversationPlace } from './bot-ports.js';
import { CHASE_WORDS } from '../domain/chase-settings-text.js';
import { chaseSettingsText, meetingsText, myActionsCardData, summaryCardData, updateCardData } from './card-views.js';
import type { CardDeps } from './card-handler.js';
import { memberOf, mentionsOf, personOf, placeOf, referenceOf } from './activity-facts.js';
import { cardMessage } from './proactive-activity.js';
import { renderCard } from './render-card.js';
import { TEXT, userTextFor } from './user-text.js';

/**
 * Typed commands. In a channel the bot only hears messages that mention it;
 * the Application strips the mention first, so `@bot summary` reads `summary`.
 */
export const COMMANDS = {
  help: /^\s*(help|\?)\s*$/i,
  myActions: /^\s*my\s+actions\s*$/i,
  update: /^\s*update\s+(\S+)\s*$/i,
  summary: /^\s*summary\s*$/i,
  link: /^\s*link\s+(\S+)\s*$/i,
  meetings: /^\s*meetings\b\s*([\s\S]*?)\s*$/i,
  role: /^\s*role\b\s*(\S*)([\s\S]*)$/i,
  chase: /^\s*chase\b\s*([\s\S]*?)\s*$/i,
} as const;

const CHASE_WORD = new RegExp(`(?:^|\\s)(${CHASE_WORDS.join('|')})(?=\\s)`, 'gi');

/**
 * `chase defaults`, `chase reminders 14 round 7`, `chase prompts 14, 7, 1`:
 * each setting word and the text up to the next one. Undefined when the
 * text names no setting or has words that are none.
 */
function chaseChange(typed: string): { texts: Record<string, string>; reset: boolean } | undefined {
  const reset = /^defaults?\b/i.test(typed);
  const rest = reset ? typed.replace(/^defaults?\b/i, '') : typed;
  const found = [...rest.matchAll(CHASE_WORD)];
  if (rest.slice(0, found[0]?.index ?? rest.length).trim() !== '') return undefined;
  if (!reset && found.length === 0) return undefined;
  const texts: Record<string, string> = {};
  found.forEach((m, i) => {
    texts[m[1]!.toLowerCase()] = rest.slice(m.index! + m[0].length, found[i + 1]?.index ?? rest.length).trim();
  });
  return { texts, reset };
}

export function registerCommands(app: Application<TurnState>, deps: CardDeps): void {
  const run = async (context: TurnContext, command: string, body: (person: Person) => Promise<void>) => {
    const person = personOf(context.activity, deps.tenantId);
    if (person === null) {
      await context.sendActivity(TEXT.noPerson);
      return;
    }
    try {
      await body(person);
    } catch (error) {
      await context.sendActivity(userTextFor(error, deps.log, { command, activityId: context.activity.id }));
    }
  };
  /** A command that belongs to a partnership's channel: anywhere else, `notHere` says where to type it. */
  const runInChannel = (context: TurnContext, command: string, notHere: string, body: (person: Person, place: ConversationPlace) => Promise<void>) =>
    run(context, command, async (person) => {
      const place = placeOf(context.activity);
      if (place.scope !== 'channel') {
        await context.sendActivity(notHere);
        return;
      }
      await body(person, place);
    });

  app.message(COMMANDS.help, async (context) => {
    await context.sendActivity({ text: TEXT.help, textFormat: 'markdown' });
  });

  app.message(COMMANDS.myActions, (context) =>
    run(context, 'my actions', async (person) => {
      const view = await deps.useCases.listMyActions(person);
      await context.sendActivity(cardMessage(renderCard('my-actions', myActionsCardData(view, deps.timeZone))));
    }),
  );

  app.message(COMMANDS.update, (context) =>
    run(context, 'update', async (person) => {
      const ref = COMMANDS.update.exec(context.activity.text ?? '')?.[1] ?? '';
      const view = await deps.useCases.findActionToUpdate(person, ref);
      await context.sendActivity(cardMessage(renderCard('update', updateCardData(view, deps.timeZone))));
    }),
  );

  app.message(COMMANDS.summary, (context) =>
    run(context, 'summary', async (person) => {
      const view = await deps.useCases.summary(person, placeOf(context.activity));
      await context.sendActivity(cardMessage(renderCard('summary', summaryCardData(view, deps.timeZone))));
    }),
  );

  app.message(COMMANDS.link, (context) =>
    runInChannel(context, 'link', TEXT.linkNotHere, async (person, place) => {
      const bodyId = COMMANDS.link.exec(context.activity.text ?? '')?.[1] ?? '';
      const name = (context.activity.channelData as { channel?: { name?: string } } | undefined)?.channel?.name?.trim() || 'this channel';
      const linked = await deps.useCases.linkChannel(person, { ...place, name, reference: referenceOf(context.activity) }, bodyId);
      await context.sendActivity(TEXT.linked(linked.bodyName));
    }),
  );

  app.message(COMMANDS.meetings, (context) =>
    runInChannel(context, 'meetings', TEXT.meetingsNotHere, async (person, place) => {
      const typed = COMMANDS.meetings.exec(context.activity.text ?? '')?.[1] ?? '';
      const dates = typed === '' ? null : typed.split(/[,;\n]+/).map((d) => d.trim()).filter((d) => d !== '');
      const view = await deps.useCases.meetings(person, place, dates);
      await context.sendActivity({ text: meetingsText(view), textFormat: 'markdown' });
    }),
  );

  app.message(COMMANDS.role, (context) =>
    runInChannel(context, 'role', TEXT.roleNotHere, async (person, place) => {
      const [, roleKey = '', rest = ''] = COMMANDS.role.exec(context.activity.text ?? '') ?? [];
      const mentioned = mentionsOf(context.activity);
      if (roleKey === '' || roleKey.startsWith('<at>') || mentioned.length === 0) {
        await context.sendActivity(TEXT.roleHowTo);
        return;
      }
      const holder = await memberOf(context, mentioned[0]!, deps.tenantId);
      const delegate = /\bdelegate\b/i.test(rest) && mentioned[1] !== undefined ? await memberOf(context, mentioned[1], deps.tenantId) : null;
      const mapped = await deps.useCases.mapRole(person, place, roleKey, holder, delegate);
      await context.sendActivity(TEXT.roleMapped(mapped.roleKey, mapped.bodyName, holder.displayName, delegate?.displayName ?? null));
    }),
  );

  app.message(COMMANDS.chase, (context) =>
    runInChannel(context, 'chase', TEXT.chaseNotHere, async (person, place) => {
      const typed = COMMANDS.chase.exec(context.activity.text ?? '')?.[1] ?? '';
      const change = typed === '' ? null : chaseChange(typed);
      if (change === undefined) {
        await context.sendActivity(TEXT.chaseHowTo(typed));
        return;
      }
      const view = await deps.useCases.chase(person, place, change);
      await context.sendActivity({ text: chaseSettingsText(view), textFormat: 'markdown' });
    }),
  );

  // Registered last: routes are tried in order, so this only catches what no command matched.
  app.activity('message', async (context) => {
    const text = (context.activity.text ?? '').trim();
    if (text === '') return;
    await context.sendActivity(TEXT.notUnderstood(text));
  });
}
