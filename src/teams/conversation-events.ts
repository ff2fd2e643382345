import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotLogger, BotUseCases, ConversationPorts } from './bot-ports.js';
import { personalWelcome, teamWelcome } from './link-views.js';
import { personOf, placeOf, referenceOf } from './activity-facts.js';

type EventDeps = { conversations: ConversationPorts; tenantId: string; log: BotLogger };
type InstallDeps = EventDeps & { welcome: BotUseCases['welcome'] };

/**
 * Keeps the ways the bot can reach people: a reference when the app is
 * installed or the bot added (personal, group chat, team), and on every
 * message; a report when the bot is removed or a member leaves, so a silent
 * lead is noticed rather than prompted into the void.
 */
export async function rememberFromMessage(context: TurnContext, deps: EventDeps): Promise<void> {
  await save(context, deps, 'message');
}

async function save(context: TurnContext, deps: EventDeps, reason: 'install' | 'message'): Promise<void> {
  const activity = context.activity;
  try {
    await deps.conversations.saveConversationReference({
      reason,
      place: placeOf(activity),
      person: personOf(activity, deps.tenantId),
      reference: referenceOf(activity),
    });
  } catch (error) {
    // A reply still goes out; the next message tries again.
    deps.log.error('could not save a conversation reference', { reason, activityId: activity.id, error: String(error) });
  }
}

async function lost(context: TurnContext, deps: EventDeps, reason: 'member-removed' | 'app-uninstalled', member: { aadObjectId?: string; name?: string } | null, detail: string) {
  const activity = context.activity;
  try {
    await deps.conversations.reportConversationLost({
      reason,
      place: placeOf(activity),
      person:
        member?.aadObjectId === undefined ? null : { tenantId: deps.tenantId, aadObjectId: member.aadObjectId, displayName: member.name?.trim() || 'Someone' },
      reference: referenceOf(activity),
      detail,
    });
  } catch (error) {
    deps.log.error('could not report a lost conversation', { reason, activityId: activity.id, error: String(error) });
  }
}

/**
 * The one welcome of an install: Teams follows the bot's membersAdded with an
 * installationUpdate for the same install, so only the first greets. It says
 * what the bot does for this person, never what they owe: a reminder is
 * never the first thing the bot says.
 */
async function welcome(context: TurnContext, deps: InstallDeps): Promise<void> {
  const activity = context.activity;
  const place = placeOf(activity);
  if (place.scope === 'groupChat') return;
  try {
    const view = await deps.welcome(personOf(activity, deps.tenantId));
    await context.sendActivity({ text: place.scope === 'personal' ? personalWelcome(view) : teamWelcome(view), textFormat: 'markdown' });
  } catch (error) {
    deps.log.error('could not welcome a new install', { activityId: activity.id, error: String(error) });
  }
}

export function registerConversationEvents(app: Application<TurnState>, deps: InstallDeps): void {
  app.activity('conversationUpdate', async (context) => {
    const activity = context.activity;
    const botId = activity.recipient?.id;
    if ((activity.membersAdded ?? []).some((m) => m.id === botId)) {
      await save(context, deps, 'install');
      await welcome(context, deps);
    }
    for (const member of activity.membersRemoved ?? []) {
      if (member.id === botId) await lost(context, deps, 'app-uninstalled', null, 'the bot was removed from this conversation');
      else await lost(context, deps, 'member-removed', member, `${member.name ?? 'a member'} left this conversation`);
    }
  });

  app.activity('installationUpdate', async (context) => {
    const action = String((context.activity as { action?: unknown }).action ?? '');
    if (action.startsWith('add')) await save(context, deps, 'install');
    else if (action.startsWith('remove')) await lost(context, deps, 'app-uninstalled', null, 'the app was uninstalled here');
  });
}
