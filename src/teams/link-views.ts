import { countInWords, listInWords } from '../domain/in-words.js';

/** What `link <body>` came to, for the reply. */
export type LinkOutcome =
  | { kind: 'linked'; bodyName: string; already: boolean }
  /** The body is linked to another channel: a card asks before it moves. */
  | { kind: 'confirm'; bodyId: string; bodyName: string; linkedTo: string; replacing: string }
  /** No body has the id: a card offers to start one, under one of the CSPs there are. */
  | { kind: 'create'; bodyId: string; csps: Array<{ id: string; name: string }> };

/** The new-partnership card's inputs, as submitted. */
export type NewBodyForm = { id: string; name: string; kind: 'csp' | 'pcg'; parentId: string | null };

/** Who a person is to the partnership, for their welcome. */
export type WelcomeView = {
  firstName: string | null;
  /** Their open actions (they lead or support), with the body each is in. */
  openActions: Array<{ ref: string; bodyName: string }>;
  chairs: string[];
  coordinates: Array<{ id: string; name: string; linked: boolean }>;
  /** For someone the store does not know: who runs the partnership here. */
  runBy: Array<{ bodyName: string; coordinators: string[] }>;
};

const MAX_REFS = 6;

/** The one short welcome when the app is installed for a person: what it does for them, from the store, and what to type. */
export function personalWelcome(view: WelcomeView): string {
  const hello = `Welcome to Partnership Actions${view.firstName === null ? '' : `, ${view.firstName}`}.`;
  const lines: string[] = [];
  if (view.openActions.length > 0) {
    const refs = view.openActions.slice(0, MAX_REFS).map((a) => a.ref);
    const more = view.openActions.length > MAX_REFS ? ` and ${view.openActions.length - MAX_REFS} more` : '';
    const bodies = listInWords([...new Set(view.openActions.map((a) => a.bodyName))]);
    lines.push(
      `You have ${countInWords(view.openActions.length, 'open action')} in ${bodies}'s plan (${refs.join(', ')}${more}). I will ask you how each stands as its deadline comes; you can tell me any time in your own words, e.g. **${refs[0]} done** or **${refs[0]} amber - waiting for the venue**. **my actions** lists them.`,
    );
  }
  if (view.chairs.length > 0) {
    lines.push(`You chair ${listInWords(view.chairs)}: **summary** here shows what is on track, what slipped and who has not reported; **overdue** what is late. I post the summary in the channel before each meeting.`);
  }
  if (view.coordinates.length > 0) {
    const unlinked = view.coordinates.find((b) => !b.linked);
    lines.push(
      `You coordinate ${listInWords(view.coordinates.map((b) => b.name))}: in the partnership's channel, mention me with **meetings**, **role**, **chase** or **summary**${unlinked === undefined ? '' : `; first link it there with **link ${unlinked.id}**`}.`,
    );
  }
  if (lines.length === 0) {
    const runBy = view.runBy.filter((b) => b.coordinators.length > 0);
    lines.push(
      'I keep a Community Safety Partnership’s action plan up to date: I ask action leads how their actions stand as deadlines come, and give the chair a summary before each meeting. You have no actions or role in it yet.',
      runBy.length === 0
        ? 'No partnership is set up here yet: a coordinator starts one by mentioning me in their team’s channel with **link** and a short id, e.g. **link purbeck-pcg**.'
        : `It is set up here by ${listInWords(runBy.slice(0, 3).map((b) => `${listInWords(b.coordinators)} (${b.bodyName})`))}: ask them if you should be on a plan.`,
    );
  }
  return [hello, ...lines, 'Type **help** for everything I do.'].join('\n\n');
}

/** The welcome when the bot is added to a team: what it is for, and how a coordinator links the channel. */
export function teamWelcome(view: WelcomeView): string {
  const mine = view.coordinates.find((b) => !b.linked);
  return [
    'Hello, I am Partnership Actions: I keep a Community Safety Partnership’s action plan up to date, chase action leads for progress in their own chats, and post the chair’s summary in the partnership’s channel before each meeting.',
    mine === undefined
      ? 'A coordinator or chair links a channel to their PCG or CSP by mentioning me there with **link** and its id, e.g. **link purbeck-pcg**; a new id starts a new partnership.'
      : `${view.firstName ?? 'You'}, you coordinate ${mine.name}: mention me in its channel with **link ${mine.id}** to have its summaries and escalations posted there.`,
    'Mention me with **help** for everything I do.',
  ].join('\n\n');
}

/** The link-confirm card's data: which channel the body leaves, and the link it replaces (its token), so a stale press is refused. */
export function linkConfirmCardData(outcome: Extract<LinkOutcome, { kind: 'confirm' }>, channelName: string) {
  const data = { bodyId: outcome.bodyId, replacing: outcome.replacing, channelName };
  return {
    title: `Move ${outcome.bodyName} to this channel?`,
    text: `${outcome.bodyName} is linked to the channel "${outcome.linkedTo}". Linking it here unlinks "${outcome.linkedTo}": the summaries, escalations and **summary** answers come here instead.`,
    linkedTo: outcome.linkedTo,
    channelName,
    confirm: data,
    cancel: { bodyId: outcome.bodyId },
  };
}

/** The new-body card's data: a name to start from, PCG chosen when there is a CSP to report to. */
export function newBodyCardData(outcome: Extract<LinkOutcome, { kind: 'create' }>, channelName: string) {
  const suggestedName = outcome.bodyId
    .split('-')
    .map((w) => (/^(pcg|csp)$/.test(w) ? w.toUpperCase() : `${w.charAt(0).toUpperCase()}${w.slice(1)}`))
    .join(' ');
  return {
    title: `Start "${outcome.bodyId}"?`,
    text: `There is no partnership body "${outcome.bodyId}" yet. Create it here to run its plan from Teams: import its plan, add its meetings and map its roles.`,
    suggestedName,
    kind: outcome.csps.length > 0 && !/-csp$/.test(outcome.bodyId) ? 'pcg' : 'csp',
    csps: outcome.csps,
    create: { bodyId: outcome.bodyId, channelName },
    cancel: { bodyId: outcome.bodyId },
  };
}
