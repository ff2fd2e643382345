import { DomainError } from '../domain/errors.js';
import { isStoreUnavailable } from '../services/store-unavailable.js';
import type { BotLogger } from './bot-ports.js';

/**
 * The one place a failure becomes words for a person in Teams. Domain errors
 * are written for the person already; anything else is our fault and is
 * logged, never shown.
 */
export function userTextFor(error: unknown, log: BotLogger, context: Record<string, unknown>): string {
  if (error instanceof DomainError) {
    // An outage is not the person's doing, but operators must see it.
    if (error.code === 'store-unavailable') log.warn('the store did not answer', { ...context, error: String(error.cause) });
    return error.problems.length > 1 ? `${error.message}: ${error.problems.join('; ')}.` : error.message;
  }
  if (isStoreUnavailable(error)) {
    log.warn('the store did not answer', { ...context, error: error instanceof Error ? error.message : String(error) });
    return 'The partnership’s data store did not answer, so nothing was changed. Please try again in a minute.';
  }
  log.error('unexpected failure in a Teams handler', { ...context, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return 'Something went wrong on our side and nothing was changed. Please try again in a minute; if it keeps happening, tell your community safety officer.';
}

/**
 * A refusal as the update card shows it, after its own "⚠ Not recorded:":
 * without the service's "Cannot record the update:", which would say it twice.
 * A stale card shows the newer update in its "Last update" box, so the words
 * only point at it and at the button that records anyway.
 */
export function cardRefusalText(error: unknown, log: BotLogger, context: Record<string, unknown>): string {
  if (error instanceof DomainError && error.code === 'update-stale') return TEXT.staleCard;
  return userTextFor(error, log, context).replace(/^Cannot record the update: /, '');
}

export const TEXT = {
  staleCard: 'someone recorded a newer update (shown above) after you opened this card. If yours still stands, press Record mine anyway; or change it first.',
  otherTenant: 'This app serves one partnership’s Teams organisation, and your account belongs to another one, so nothing was read or changed.',
  help: [
    '**Partnership Actions** keeps the action plan up to date. Tell me how an action stands in your own words:',
    '',
    '- **2.3 done**, **2.3 complete: training delivered to 40 staff**, **2.4 amber - trainer off sick, new date May**, **update 2.3 red no budget**: records it (Undo for ten minutes)',
    '- **update 2.3**: the update card for 2.3; **update** alone: your actions to choose from',
    '- **my actions**: your open actions, each with an Update button (a chair also sees their bodies at a glance)',
    '- **overdue**, **due**: what is overdue, or due in the next 30 days (a chair: their bodies’ too)',
    '- **history 2.3**: every update to 2.3, oldest first',
    '- **summary**: the pre-meeting summary (in the partnership’s channel: mention me; a chair also here)',
    '- **link purbeck-pcg**: in a channel, a coordinator or chair links it to their PCG or CSP (by its id); a new id offers to start a new one',
    '- **setup**: a coordinator or chair sees the body’s chairs, coordinators, meetings, chase settings and every role of its plan, and maps roles with a people picker',
    '- **role CSO @Alex Hale**, **role Public Health Team @Alex Hale**: in a linked channel, a coordinator or chair maps a role of the plan to a person (add **delegate @Priya Shah** for their delegate)',
    '- **update 2.3 for @Taylor Quinn done: trainer booked**: a coordinator or chair records an update a lead sent another way (the history shows who entered it)',
    '- **chase**: in a linked channel, how the partnership is chased (prompts, reminders, escalation, round, summary); a coordinator or chair changes it, e.g. **chase reminders 14**',
    '- **year-end**: a coordinator or chair, once the new year’s plan is in: last year’s actions still open, each to close with a status and reason',
    '- **meetings**: in a linked channel, the meetings to come and those held; a coordinator or chair adds one with **meetings add 15 January 2pm** (several: separated by commas) and takes one off with **meetings remove 15 January**, or sends its calendar (.ics from Outlook or Google) in the 1:1 chat',
    '- **import plan**: a coordinator or chair sends the plan file (Excel, Word, CSV, text or a saved web page) here for a preview, then imports it',
    '- **help**: this list',
  ].join('\n'),
  greeting: (name: string) =>
    `Hello ${name}. Tell me how an action stands in your own words, e.g. **2.3 done** or **2.4 amber - trainer off sick**; **my actions** lists yours, **overdue** what has slipped, and **help** everything I do.`,
  noPrivateChat: (ref: string) =>
    `I cannot write to you privately yet: open Partnership Actions from the Apps list in Teams (or start a chat with it) and type **update ${ref}**. This card stays as it is for everyone.`,
  notChair: 'The summary here is for chairs: you chair no partnership body. In its channel anyone may ask for it by mentioning me with **summary**.',
  chooseAction: (n: number) => (n === 0 ? 'You have no open actions to update.' : 'Which action? Press one, or type e.g. **2.3 done**.'),
  chooseBody: 'You chair several bodies: which summary?',
  yearEndNotHere: 'Closing last year’s plan is for its coordinators and chairs, in their own chat with me: type **year-end** there.',
  noYearEnd:
    'Nothing to close: no body you coordinate or chair has its new year’s plan in yet. Once the next plan is imported, **year-end** lists last year’s actions still open and not carried forward.',
  linkNotHere: 'Linking is for a channel: mention me there with **link** and your body’s id, e.g. **link purbeck-pcg**.',
  meetingsHowTo:
    'Name the meeting, e.g. **meetings add 15 January 2pm** (a date and a time as you write them; several separated by commas), or **meetings remove 15 January** for one to come. **meetings** alone lists them.',
  meetingsNotHere: 'Meetings belong to a partnership’s channel: mention me there with **meetings**.',
 chaseNotHere: 'How a partnership is chased belongs to its channel: mention me there with **chase**.',
  chaseHowTo: (typed: string) =>
    `I did not understand "${typed.length > 60 ? `${typed.slice(0, 59)}…` : typed}". Name each setting and its value, e.g. **chase reminders 14 round 7**; the settings are **prompts**, **reminders**, **escalate**, **round**, **summary**, **hours** and **send**, and **chase defaults** returns to the defaults.`,
  roleNotHere: 'Roles are mapped in a partnership’s channel, where its people are: mention me there with **role CSO @Alex Hale**.',
  roleHowTo: 'Name the role and mention the person, e.g. **role CSO @Alex Hale**, **role Public Health Team @Alex Hale**, or **role CSO @Alex Hale delegate @Priya Shah**. Or type **setup** for every role with a people picker.',
  roleMapped: (roleKey: string, bodyName: string, holder: string, delegate: string | null) =>
    `${roleKey} in ${bodyName} is now ${holder}${delegate === null ? '' : `, with ${delegate} as delegate`}. The bot writes to them about its actions once they have the app.`,
  alreadyLinked: (bodyName: string) => `This channel is already linked to ${bodyName}; nothing changed.`,
  linked: (bodyName: string) => `Linked this channel to ${bodyName}: its summaries and escalations come here, and **summary** here shows it.`,
  notUnderstood: (text: string, closest: string | null) =>
    `I did not understand "${text.length > 60 ? `${text.slice(0, 59)}…` : text}". ${closest === null ? '' : `Did you mean **${closest}**? `}Type **help** for what I can do.`,
  importHowTo: [
    'To import a plan, send me the file here, in our 1:1 chat: press **+** (or the paper clip) below the message box, choose **Attach file**, pick the plan and press Send. An Excel workbook (.xlsx or .xls), a Word document (.docx or .doc), an OpenDocument file (.ods or .odt), a CSV file or the plan copied into a text file all work, up to 20 MB.',
    '',
    'I answer with a preview: how I read the columns, the priorities and actions, and what would change in the plan on record. Nothing is stored until you press **Import** on it. Only a body’s coordinators and chairs can import its plan.',
  ].join('\n'),
  choosePlanBody: 'You run several partnership bodies: which one’s plan is this? I show the preview for the one you choose; nothing is stored yet.',
  uploadNotHere: 'Plan files and meeting calendars (.ics) are read in our 1:1 chat, not here: open Partnership Actions from the Apps list (or start a chat with it) and send the file there.',
  uploadOneFile: 'Send one file at a time, please (a plan, or a meeting calendar): I preview each before anything is stored.',
  uploadUnreadable: 'Teams did not tell me where to fetch that file from, so I could not read it. Send it again as a file attached to a message in this chat.',
  uploadAgain: 'Send the plan file again in this chat for a fresh preview.',
  uploadCancelled: (fileName: string) => `Nothing was imported from ${fileName}. Send the file again whenever you want a fresh preview.`,
  noPerson: 'I could not tell who you are from this message (no Microsoft Entra account), so I cannot look up your actions.',
} as const;
