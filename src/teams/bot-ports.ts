import type { ConversationReference, Person } from '../domain/partnership.js';
import type { YearEndView } from './year-end-card.js';
import type { DigestRef, DigestView } from './digest-view.js';
import type { LinkOutcome, NewBodyForm, WelcomeView } from './link-views.js';
import type { ActionKey, ChaseView, HistoryView, MeetingsView, MyActionsView, SetupView, SummaryView, UpdateFormView, UpdateRecordedView, WatchView } from './card-views.js';
import type { PlanChoiceView, PlanImportedView, PlanPreviewView } from './plan-upload-views.js';
import type { MeetingsUploadView } from './meetings-upload-views.js';

/**
 * What the Teams layer needs from the rest of the app, as plain functions.
 * The composition root builds them from the services; the Teams layer never
 * sees the store. A use case that throws a `DomainError` has its message
 * shown to the person (see user-text.ts); anything else is logged and the
 * person gets a generic apology.
 */
export type BotUseCases = {
  listMyActions(person: Person): Promise<MyActionsView>;
  openUpdate(person: Person, action: ActionKey): Promise<UpdateFormView>;
  /** The refs of the actions in the person's plans, for reading a message typed in a plan's own numbering (`R1 done`). */
  actionRefsOf(person: Person): Promise<string[]>;
  /** Finds an action by the number a person typed (`update 2.3`) among the ones they may update. */
  findActionToUpdate(person: Person, ref: string): Promise<UpdateFormView>;
  recordUpdate(person: Person, submission: UpdateSubmission): Promise<UpdateRecordedView>;
  /**
   * The day's digest sent to the person, as it stands now; only its
   * addressee may see it. `recorded`: the update just made (or undone) from
   * it, shown at its top with its Undo while that lasts.
   */
  openDigest(person: Person, digest: DigestRef, recorded: { action: ActionKey; updateId: string } | null): Promise<DigestView>;
  /** An update typed in chat (`2.3 done`), already read: recorded as the person's, with its Undo. */
  recordTypedUpdate(person: Person, typed: { ref: string; status: string; narrative: string; submissionId: string | null }): Promise<UpdateRecordedView>;
  /** Takes back the person's own update within its few minutes, by a correcting update. */
  undoUpdate(person: Person, action: ActionKey, updateId: string): Promise<UpdateRecordedView>;
  /** Every update of the action the person names (`history 2.3`), among the plans they are in. */
  history(person: Person, ref: string): Promise<HistoryView>;
  /** `overdue` / `due`: their own open actions, and their chaired bodies'. */
  watchList(person: Person, which: 'overdue' | 'due'): Promise<WatchView>;
  /** The bodies the person chairs, for `summary` in their 1:1 chat. */
  chairedBodies(person: Person): Promise<Array<{ id: string; name: string }>>;
  /**
   * The summary of the body linked to a channel, or, anywhere, of `bodyId`
   * (which the person must chair or coordinate).
   */
  summary(person: Person, where: ConversationPlace, bodyId?: string | null): Promise<SummaryView>;
  /** The person's 1:1 chat with the bot, when they have one. */
  personalChat(person: Person): Promise<ConversationReference | null>;
  /**
   * The meetings of the body a channel is linked to (`meetings`), or adds
   * some (`meetings add 15 January 2027 2pm, 10 March 2027 2pm`, as typed)
   * or removes one to come (`meetings remove 15 January 2027`): its
   * coordinators and chairs only.
   */
  meetings(person: Person, where: ConversationPlace, change: { add: string } | { remove: string } | null): Promise<MeetingsView>;
  /**
   * How the channel's body is chased (`chase`), or changes it (`chase
   * reminders 14 round 7`, `chase defaults`: its coordinators and chairs
   * only). `texts` are the values as typed, by setting word.
   */
  chase(person: Person, where: ConversationPlace, change: { texts: Partial<Record<string, string>>; reset: boolean } | null): Promise<ChaseView>;
  /** Maps a role of the channel's body to a person and, optionally, their delegate (`role CSO @Alex Hale delegate @Priya Shah`). */
  mapRole(person: Person, where: ConversationPlace, roleKey: string, holder: Person, delegate: Person | null): Promise<{ bodyName: string; roleKey: string }>;
  /** `year-end`: last year's actions left open in each body the person coordinates or chairs whose new plan is in. */
  yearEnd(person: Person): Promise<YearEndView[]>;
  /**
   * Closes one of them with its final status and reason (an update of the
   * person's). A refusal the person can mend comes back as the view's
   * `error`, with nothing changed.
   */
  closeAtYearEnd(person: Person, close: ActionKey & { status: string; reason: string }): Promise<YearEndView>;
  /**
   * `link purbeck-pcg` in a channel: links it, or asks first when the body is
   * linked to another channel, or offers to create a body no one has yet.
   */
  linkChannel(person: Person, where: ChannelToLink, bodyId: string): Promise<LinkOutcome>;
  /** The Confirm of a link that moves the body from the channel it showed (`replacing`: that link's token). */
  confirmLink(person: Person, where: ChannelToLink, bodyId: string, replacing: string): Promise<{ bodyName: string; unlinked: string | null }>;
  /** Creates a body from the new-partnership card, with the person as its coordinator, and links the channel to it. */
  createAndLink(person: Person, where: ChannelToLink, body: NewBodyForm): Promise<{ bodyName: string }>;
  /** What the first message to someone who installed the app says about them, from the store (null: an event with no person). */
  welcome(person: Person | null): Promise<WelcomeView>;
  /**
   * The set-up card of the body linked to the channel, or (in a 1:1 chat) of
   * `bodyId` or the one body the person coordinates or chairs; several: a choice.
   */
  setup(person: Person, where: ConversationPlace, bodyId: string | null): Promise<{ kind: 'view'; view: SetupView } | { kind: 'choose'; bodies: Array<{ id: string; name: string }> }>;
  /** Saves the roles changed on a set-up card; the view says what was saved, or why nothing was. */
  saveSetup(person: Person, save: SetupSave, findMembers: FindMembers): Promise<SetupView>;
  /**
   * `update 2.3 for @Taylor Quinn done: …`: a coordinator or chair records an
   * update for one of the action's leads. `tail` is everything after "for";
   * `mentioned` the Entra id of the first person mentioned, when Teams could name them.
   */
  recordFor(person: Person, typed: { ref: string; tail: string; mentioned: string | null; submissionId: string | null }): Promise<UpdateRecordedView>;
  /** A plan file sent in the 1:1 chat: its preview, or (for someone who runs several bodies) which body it is for. */
  previewPlanUpload(person: Person, file: { url: string; fileName: string }): Promise<PlanUploadAnswer>;
  /** The preview of an uploaded file for the body chosen on the choice card. */
  previewPlanUploadFor(person: Person, token: string, bodyId: string): Promise<PlanUploadAnswer>;
  /** Read again on the preview card: the file read with the coordinator's column choices, as a fresh preview. */
  rereadPlanUpload(person: Person, submit: PlanRereadSubmit): Promise<PlanUploadAnswer>;
  /** Import on the preview card: the same import as the CLI's, refused if the plan changed since the preview. */
  importPlanUpload(person: Person, submit: PlanUploadSubmit): Promise<PlanImportedView>;
  /** Add on a calendar file's preview card: its meetings, read again, refused if the file changed since. */
  importMeetingsUpload(person: Person, token: string): Promise<MeetingsUploadView>;
};

/** A file sent to the bot: a plan's preview, a calendar's meetings (told apart by content), or which body it is for. */
export type PlanUploadAnswer = { kind: 'preview'; view: PlanPreviewView } | { kind: 'meetings'; view: MeetingsUploadView } | { kind: 'choose'; view: PlanChoiceView };

export type PlanUploadSubmit = {
  /** The preview's signed token, as the card sent it back. */
  token: string;
  /** Each suggested link's toggle, by the new action's ref: false refuses it. */
  keep: Readonly<Record<string, boolean>>;
  /** The coordinator's own links, one a line (`4.1=2016-17:4.7`, `4.1=none`). */
  links: string;
};

export type PlanRereadSubmit = {
  /** The preview's signed token, as the card sent it back. */
  token: string;
  /** Each heading's choice, by its place in the list the card showed (not yet checked against the file). */
  choices: Readonly<Record<string, unknown>>;
  /** The plan year chosen on the card ("2025-26"), for a file of one plan; null: as read. */
  year: string | null;
};

/** The channel a `link` was typed in, as the link keeps it. */
export type ChannelToLink = ConversationPlace & { name: string; reference: ConversationReference };

/** A set-up card's save: what it showed and what the person picked, role by role (Entra object ids, '' for no one). */
export type SetupSave = {
  bodyId: string;
  shown: Array<{ key: string; holder: string; delegate: string }>;
  picked: Array<{ key: string; holder: string; delegate: string }>;
};

/** Members of a Teams conversation (a channel's team) with these Entra object ids, as Teams names them. */
export type FindMembers = (conversationId: string, aadObjectIds: string[]) => Promise<Person[]>;

export type UpdateSubmission = {
  action: ActionKey;
  status: string;
  narrative: string;
  revisedDeadline: string | null;
  /** The latest update id the card showed (null: none), so a stale card is refused. */
  basedOn: string | null;
  /** The person saw the newer update a stale refusal showed and records theirs anyway. */
  confirmStale: boolean;
  /** The id of the invoke activity, when Teams gives one: a retried submit carries the same id and is written once. */
  submissionId: string | null;
  /** The Entra id of the lead a coordinator or chair records it for; null: their own update. */
  for?: string | null;
};

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** Where an activity happened, as the services need it to pick a body (a linked channel) or a person. */
export type ConversationPlace = {
  scope: ConversationScope;
  conversationId: string;
  /** Team and channel ids for a channel conversation. */
  teamId: string | null;
  channelId: string | null;
};

export type ConversationSeen = {
  /** Why it was captured: the app was installed / the bot added, or a message arrived. */
  reason: 'install' | 'message';
  place: ConversationPlace;
  /** The person who sent the activity; null for events the bot gets on its own. */
  person: Person | null;
  reference: ConversationReference;
};

export type ConversationLost = {
  reason:
    | 'member-removed'
    | 'app-uninstalled'
    /** The connector answered 403 to a send: the person blocked the bot or removed the app. */
    | 'send-forbidden';
  place: ConversationPlace;
  /** The member who left, for `member-removed`; the person addressed, when known, otherwise. */
  person: Person | null;
  reference: ConversationReference;
  detail: string;
};

/** Where the bot can reach people: kept by the composition root, told when a way in is lost. */
export type ConversationPorts = {
  saveConversationReference(seen: ConversationSeen): Promise<void>;
  reportConversationLost(lost: ConversationLost): Promise<void>;
};

export type BotLogger = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};
