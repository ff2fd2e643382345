import { TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import { DomainError } from '../domain/errors.js';
import type { ConversationReference, Person } from '../domain/partnership.js';
import type { ConversationPlace } from './bot-ports.js';

/** Reads who, where and which tenant from a Teams activity; Teams puts some of it in two places. */

type TeamsChannelData = {
  tenant?: { id?: string };
  team?: { id?: string };
  channel?: { id?: string; name?: string };
};

function channelData(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? (data as TeamsChannelData) : {};
}

/** The tenant the activity comes from, or null when it names none. */
export function tenantOf(activity: Partial<Activity>): string | null {
  return activity.conversation?.tenantId ?? channelData(activity).tenant?.id ?? null;
}

/**
 * Single tenant: both places Teams may name the tenant must agree with the
 * configured one, and an activity that names none is not from it either.
 * botbuilder's token checks do not look at the user's tenant at all.
 */
export function isFromTenant(activity: Partial<Activity>, tenantId: string): boolean {
  const named = [activity.conversation?.tenantId, channelData(activity).tenant?.id].filter((t): t is string => typeof t === 'string' && t !== '');
  return named.length > 0 && named.every((t) => t.toLowerCase() === tenantId.toLowerCase());
}

/** The sender as the services know people: Entra object id within the tenant. Null for senders without one (bots, events). */
export function personOf(activity: Partial<Activity>, tenantId: string): Person | null {
  const from = activity.from;
  if (from?.aadObjectId === undefined || from.aadObjectId === '') return null;
  return { tenantId, aadObjectId: from.aadObjectId, displayName: from.name?.trim() || 'Someone' };
}

/**
 * A message in a channel thread has `;messageid=<root>` on its conversation
 * id. What the bot keeps is the channel itself, so a later post starts a
 * new thread rather than replying in an old one.
 */
function withoutThread(conversationId: string): string {
  return conversationId.replace(/;messageid=.*$/, '');
}

export function placeOf(activity: Partial<Activity>): ConversationPlace {
  const conversation = activity.conversation;
  const data = channelData(activity);
  const type = conversation?.conversationType;
  const scope = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  return {
    scope,
    conversationId: withoutThread(conversation?.id ?? ''),
    teamId: scope === 'channel' ? (data.team?.id ?? null) : null,
    channelId: scope === 'channel' ? (data.channel?.id ?? null) : null,
  };
}

/** The reference a proactive send needs, to the channel rather than the thread. */
export function referenceOf(activity: Partial<Activity>): ConversationReference {
  const reference = TurnContext.getConversationReference(activity);
  const id = withoutThread(reference.conversation?.id ?? '');
  return { ...reference, conversation: { ...reference.conversation!, id }, serviceUrl: reference.serviceUrl ?? '' };
}

export type Mentioned = { id: string; name: string };

/** The people @mentioned in a message, in order, other than the bot itself. */
export function mentionsOf(activity: Partial<Activity>): Mentioned[] {
  const bot = activity.recipient?.id;
  return (activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => (e as { mentioned?: { id?: unknown; name?: unknown } }).mentioned)
    .filter((m): m is { id: string; name?: unknown } => typeof m?.id === 'string' && m.id !== bot)
    .map((m) => ({ id: m.id, name: typeof m.name === 'string' ? m.name : m.id }));
}

/**
 * A mentioned member as the services know people: a mention carries only
 * the Teams user id and a name, so the Entra object id comes from the
 * conversation's member list.
 */
export async function memberOf(context: TurnContext, mentioned: Mentioned, tenantId: string): Promise<Person> {
  const member = await TeamsInfo.getMember(context, mentioned.id).catch(() => null);
  if (member?.aadObjectId === undefined || member.aadObjectId === '') {
    throw new DomainError('person-unknown', `I could not find ${mentioned.name} among this team's members with a Microsoft Entra account, so I cannot map a role to them.`);
  }
  return { tenantId, aadObjectId: member.aadObjectId, displayName: member.name?.trim() || mentioned.name };
}

/**
 * A channel's name for messages to people. Teams leaves it out of message
 * activities, so it is asked for the team's channels (one call, for a rare
 * command); the General channel has no name of its own there (its id is the
 * team's).
 */
export async function channelNameOf(context: TurnContext): Promise<string> {
  const { channel, team } = channelData(context.activity);
  if (channel?.name?.trim()) return channel.name.trim();
  if (channel?.id === undefined || team?.id === undefined) return 'this channel';
  if (channel.id === team.id) return 'General';
  const channels = await TeamsInfo.getTeamChannels(context, team.id).catch(() => []);
  return channels.find((c) => c.id === channel.id)?.name?.trim() || 'this channel';
}

/** A team of this many members is read in full; a bigger one is cut off (its later pages are not read). */
const ROSTER_PAGES_MAX = 20;
const ROSTER_PAGE_SIZE = 500;

/**
 * The members of a conversation (a channel: its team) with these Entra
 * object ids, named as Teams names them: a card's picker gives only an id,
 * and a name carried in card data could say anything.
 */
export async function membersWithIds(context: TurnContext, conversationId: string, aadObjectIds: string[], tenantId: string): Promise<Person[]> {
  const wanted = new Set(aadObjectIds.map((id) => id.toLowerCase()));
  const found: Person[] = [];
  let token: string | undefined;
  for (let page = 0; page < ROSTER_PAGES_MAX && found.length < wanted.size; page++) {
    const members = await TeamsInfo.getPagedTeamMembers(context, conversationId, ROSTER_PAGE_SIZE, token);
    for (const m of members.members) {
      if (m.aadObjectId !== undefined && wanted.has(m.aadObjectId.toLowerCase()) && !found.some((f) => f.aadObjectId === m.aadObjectId)) {
        found.push({ tenantId, aadObjectId: m.aadObjectId, displayName: m.name?.trim() || m.aadObjectId });
      }
    }
    token = members.continuationToken;
    if (token === undefined || token === '') break;
  }
  return found;
}
