import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Person } from '../domain/partnership.js';
import type { ConversationPlace } from './bot-ports.js';
import { CHASE_WORDS } from '../domain/chase-settings-text.js';
import { ON_BEHALF } from '../domain/on-behalf.js';
import { readMeetingsCommand } from '../domain/meeting-text.js';
import { OWN_REF_UPDATE, readTypedUpdate, TYPED_UPDATE, type TypedUpdate } from '../domain/typed-update.js';
import {
  buttonTitle,
  chaseSettingsText,
  choicesCardData,
  historyText,
  meetingsText,
  myActionsCardData,
  summaryCardData,
  updateCardData,
  updateRecordedCardData,
  watchText,
} from './card-views.js';
import { closestCommand } from './closest-command.js';
import type { CardDeps } from './card-handler.js';
import { channelNameOf, memberOf, mentionsOf, personOf, placeOf, referenceOf } from './activity-facts.js';
import { linkConfirmCardData, newBodyCardData } from './link-views.js';
import { setupCard } from './open-setup.js';
import { cardMessage } from './proactive-activity.js';
import { renderCard } from './render-card.js';
import { TEXT, userTextFor } from './user-text.js';
import { yearEndCardData } from './year-end-card.js';

/**
 * Typed commands. In a channel the bot only hears messages that mention it;
 * the Application strips the mention first, so `@bot summary` reads `summary`.
 */
export const COMMANDS = {
  help: /^\s*(help|\?|what can you do\??)\s*$/i,
  greeting: /^\s*(hi|hello|hey|hiya|good\s+(morning|afternoon|evening)|morning|afternoon|thanks|thank\s+you|cheers)\b[\s\p{P}\p{Emoji_Presentation}]*$/iu,
  myActions: /^\s*(show\s+)?my\s+actions\??\s*$/i,
  /** `update` alone: which of my actions? (`update 2.3 …` is a typed update.) */
  chooseAction: /^\s*update\s*$/i,
  /** `2.3 done`, `update 2.3 red no budget`, a bare `2.3` (see typed-update.ts). */
  update: TYPED_UPDATE,
  /** `R1 done`, `DAB 1 amber - …`: an update in a plan's own numbering, once the person's refs confirm it. */
  ownRefUpdate: OWN_REF_UPDATE,
  /** `history 2.3`, `history DAB 1`. */
  history: /^\s*history\s+(?:of\s+)?(\S.{0,40}?)\.?\s*$/i,
  overdue: /^\s*(?:what(?:'s|’s|\s+is)\s+|show\s+(?:me\s+)?)?overdue(?:\s+actions)?\s*\??\s*$/i,
  due: /^\s*(?:what(?:'s|’s|\s+is)\s+|show\s+(?:me\s+)?)?due(?:\s+soon)?\s*\??\s*$/i,
  summary: /^\s*summary\s*$/i,
  yearEnd: /^\s*year[\s-]?end\s*\??\s*$/i,
  link: /^\s*link\s+(\S+)\s*$/i,
  meetings: /^\s*meetings\b\s*([\s\S]*?)\s*$/i,
  /** `role Public Health Team @Alex Hale delegate @Priya Shah`: the role is everything before the first mention. */
  role: /^\s*role\b\s*([\s\S]*)$/i,
  setup: /^\s*set\s*-?\s*up\s*$/i,
  /** `update 2.3 for @Taylor Quinn done: trainer booked`: before `update`, which would read "for" as the status. */
  onBehalf: ON_BEHALF,
  chase: /^\s*chase\b\s*([\s\S]*?)\s*$/i,
  /** `import plan`, `upload new plan`, `how do I import a plan?`: how to send the file. */
  importPlan: /^\s*(?:how\s+(?:do|can)\s+i\s+)?(?:import|upload|send)\s+(?:(?:a|the|my|our|new|next|year'?s|action)\s+)*plan(?:\s+file)?\s*\??\s*$/i,
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
      await context.sendActivity(cardMessage(renderCard('my-actions', myActionsCardData(view, deps.timeZone, context.activity.from?.id ?? null))));
    }),
  );

  app.message(COMMANDS.greeting, (context) =>
    run(context, 'greeting', async (person) => {
      await context.sendActivity({ text: TEXT.greeting(person.displayName.split(' ')[0] ?? person.displayName), textFormat: 'markdown' });
    }),
  );

  app.message(COMMANDS.chooseAction, (context) =>
    run(context, 'update', async (person) => {
      const view = await deps.useCases.listMyActions(person);
      const choices = view.actions.map((a) => ({ title: buttonTitle(a.ref, a.text), kind: 'update' as const, data: { bodyId: a.bodyId, year: a.year, ref: a.ref } }));
      await context.sendActivity(cardMessage(renderCard('choices', choicesCardData('Update an action', TEXT.chooseAction(choices.length), choices))));
    }),
  );

  app.message(COMMANDS.onBehalf, (context) =>
    run(context, 'update for someone', async (person) => {
      const [, ref = '', tail = ''] = COMMANDS.onBehalf.exec(context.activity.text ?? '') ?? [];
      const first = mentionsOf(context.activity)[0];
      // A mention names the lead only by their Teams id and a name; the roster gives their Entra id where it can.
      const member = first === undefined ? null : await memberOf(context, first, deps.tenantId).catch(() => null);
      const recorded = await deps.useCases.recordFor(person, { ref, tail, mentioned: member?.aadObjectId ?? null, submissionId: context.activity.id ?? null });
      await context.sendActivity(cardMessage(renderCard('update-recorded', updateRecordedCardData(recorded, deps.timeZone))));
    }),
  );

  const answerTypedUpdate = async (context: TurnContext, person: Person, typed: TypedUpdate) => {
    if (typed.kind === 'record') {
      const recorded = await deps.useCases.recordTypedUpdate(person, { ref: typed.ref, status: typed.status, narrative: typed.narrative, submissionId: context.activity.id ?? null });
      await context.sendActivity(cardMessage(renderCard('update-recorded', updateRecordedCardData(recorded, deps.timeZone))));
      return;
    }
    const view = await deps.useCases.findActionToUpdate(person, typed.ref);
    const prefill = typed.kind === 'prefill' ? { why: typed.why, inputs: { status: typed.status ?? '', narrative: typed.narrative, revisedDeadline: '' } } : null;
    await context.sendActivity(cardMessage(renderCard('update', updateCardData(view, deps.timeZone, null, prefill))));
  };

  // `2.3 done`, `update 2.3 red no budget`, a bare `2.3`: before the catch-all, after the fixed words.
  app.message(COMMANDS.update, (context) =>
    run(context, 'typed update', async (person) => {
      await answerTypedUpdate(context, person, readTypedUpdate(context.activity.text ?? '')!);
    }),
  );

  app.message(COMMANDS.history, (context) =>
    run(context, 'history', async (person) => {
      const ref = COMMANDS.history.exec(context.activity.text ?? '')?.[1] ?? '';
      await context.sendActivity({ text: historyText(await deps.useCases.history(person, ref), deps.timeZone), textFormat: 'markdown' });
    }),
  );

  for (const which of ['overdue', 'due'] as const) {
    app.message(COMMANDS[which], (context) =>
      run(context, which, async (person) => {
        await context.sendActivity({ text: watchText(await deps.useCases.watchList(person, which), deps.timeZone), textFormat: 'markdown' });
      }),
    );
  }

  app.message(COMMANDS.summary, (context) =>
    run(context, 'summary', async (person) => {
      const place = placeOf(context.activity);
      if (place.scope === 'channel') {
        const view = await deps.useCases.summary(person, place);
        await context.sendActivity(cardMessage(renderCard('summary', summaryCardData(view, deps.timeZone))));
        return;
      }
      // Outside a channel: the chair's own view of the bodies they chair.
      const bodies = await deps.useCases.chairedBodies(person);
      if (bodies.length === 0) {
        await context.sendActivity({ text: TEXT.notChair, textFormat: 'markdown' });
      } else if (bodies.length === 1) {
        const view = await deps.useCases.summary(person, place, bodies[0]!.id);
        await context.sendActivity(cardMessage(renderCard('summary', summaryCardData(view, deps.timeZone))));
      } else {
        const choices = bodies.map((b) => ({ title: b.name, kind: 'summary' as const, data: { bodyId: b.id } }));
        await context.sendActivity(cardMessage(renderCard('choices', choicesCardData('Summary', TEXT.chooseBody, choices))));
      }
    }),
  );

  app.message(COMMANDS.yearEnd, (context) =>
    run(context, 'year-end', async (person) => {
      // Closing actions is a coordinator's task, one card per body: never in a channel everyone reads.
      if (placeOf(context.activity).scope !== 'personal') {
        await context.sendActivity({ text: TEXT.yearEndNotHere, textFormat: 'markdown' });
        return;
      }
      const views = await deps.useCases.yearEnd(person);
      if (views.length === 0) await context.sendActivity({ text: TEXT.noYearEnd, textFormat: 'markdown' });
      for (const view of views) await context.sendActivity(cardMessage(renderCard('year-end', yearEndCardData(view))));
    }),
  );

  app.message(COMMANDS.link, (context) =>
    runInChannel(context, 'link', TEXT.linkNotHere, async (person, place) => {
      const bodyId = COMMANDS.link.exec(context.activity.text ?? '')?.[1] ?? '';
      const name = await channelNameOf(context);
      const outcome = await deps.useCases.linkChannel(person, { ...place, name, reference: referenceOf(context.activity) }, bodyId);
      if (outcome.kind === 'linked') await context.sendActivity(outcome.already ? TEXT.alreadyLinked(outcome.bodyName) : TEXT.linked(outcome.bodyName));
      else if (outcome.kind === 'confirm') await context.sendActivity(cardMessage(renderCard('link-confirm', linkConfirmCardData(outcome, name))));
      else await context.sendActivity(cardMessage(renderCard('new-body', newBodyCardData(outcome, name))));
    }),
  );

  app.message(COMMANDS.meetings, (context) =>
    runInChannel(context, 'meetings', TEXT.meetingsNotHere, async (person, place) => {
      const command = readMeetingsCommand(COMMANDS.meetings.exec(context.activity.text ?? '')?.[1] ?? '');
      if (command.verb !== 'list' && command.named === '') {
        await context.sendActivity({ text: TEXT.meetingsHowTo, textFormat: 'markdown' });
        return;
      }
      const change = command.verb === 'list' ? null : command.verb === 'add' ? { add: command.named } : { remove: command.named };
      const view = await deps.useCases.meetings(person, place, change);
      await context.sendActivity({ text: meetingsText(view), textFormat: 'markdown' });
    }),
  );

  app.message(COMMANDS.role, (context) =>
    runInChannel(context, 'role', TEXT.roleNotHere, async (person, place) => {
      const typed = COMMANDS.role.exec(context.activity.text ?? '')?.[1] ?? '';
      const at = typed.search(/<at>/i);
      const roleText = at < 0 ? '' : typed.slice(0, at).trim();
      const mentioned = mentionsOf(context.activity);
      if (roleText === '' || mentioned.length === 0) {
        await context.sendActivity(TEXT.roleHowTo);
        return;
      }
      const holder = await memberOf(context, mentioned[0]!, deps.tenantId);
      const delegate = /\bdelegate\b/i.test(typed.slice(at)) && mentioned[1] !== undefined ? await memberOf(context, mentioned[1], deps.tenantId) : null;
      const mapped = await deps.useCases.mapRole(person, place, roleText, holder, delegate);
      await context.sendActivity(TEXT.roleMapped(mapped.roleKey, mapped.bodyName, holder.displayName, delegate?.displayName ?? null));
    }),
  );

  app.message(COMMANDS.setup, (context) =>
    run(context, 'setup', async (person) => {
      await context.sendActivity(cardMessage(await setupCard(deps, context, person, null)));
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

  app.message(COMMANDS.importPlan, async (context) => {
    await context.sendActivity({ text: TEXT.importHowTo, textFormat: 'markdown' });
  });

  const notUnderstood = async (context: TurnContext) => {
    const text = (context.activity.text ?? '').trim();
    if (text === '') return;
    await context.sendActivity({ text: TEXT.notUnderstood(text, closestCommand(text)), textFormat: 'markdown' });
  };

  // After every command word ("chase 3 days" stays a chase): an update only if one of the person's plans has that ref.
  app.message(COMMANDS.ownRefUpdate, (context) =>
    run(context, 'typed update', async (person) => {
      const text = context.activity.text ?? '';
      const typed = readTypedUpdate(text, await deps.useCases.actionRefsOf(person));
      if (typed !== null) return answerTypedUpdate(context, person, typed);
      // "R9 done" reads as an update of an action they do not have: say which they have, as for "9.9 done".
      const ref = COMMANDS.ownRefUpdate.exec(text)?.groups?.['ref'] ?? '';
      if (readTypedUpdate(text, [ref])?.kind === 'record') await deps.useCases.findActionToUpdate(person, ref);
      await notUnderstood(context);
    }),
  );

  // Registered last: routes are tried in order, so this only catches what no command matched.
  app.activity('message', notUnderstood);
}
