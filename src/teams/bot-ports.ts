import type { ConversationReference, Person } from '../domain/partnership.js';
import type { PlanChoiceView, PlanImportedView, PlanPreviewView } from './plan-upload-views.js';
import type { ActionKey, ChaseView, HistoryView, MeetingsView, MyActionsView, SummaryView, UpdateFormView, UpdateRecordedView, WatchView } from './card-views.js';

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
  /** Finds an action by the number a person typed (`update 2.3`) among the ones they may update. */
  findActionToUpdate(person: Person, ref: string): Promise<UpdateFormView>;
  recordUpdate(person: Person, submission: UpdateSubmission): Promise<UpdateRecordedView>;
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
   * The meeting dates of the body a channel is linked to (`meetings`), or
   * sets them (`meetings 2018-01-24 14:00, 2018-03-07 14:00`: its
   * coordinators and chairs only).
   */
  meetings(person: Person, where: ConversationPlace, set: string[] | null): Promise<MeetingsView>;
  /**
   * How the channel's body is chased (`chase`), or changes it (`chase
   * reminders 14 round 7`, `chase defaults`: its coordinators and chairs
   * only). `texts` are the values as typed, by setting word.
   */
  chase(person: Person, where: ConversationPlace, change: { texts: Partial<Record<string, string>>; reset: boolean } | null): Promise<ChaseView>;
  /** Maps a role of the channel's body to a person and, optionally, their delegate (`role CSO @Alex Hale delegate @Priya Shah`). */
  mapRole(person: Person, where: ConversationPlace, roleKey: string, holder: Person, delegate: Person | null): Promise<{ bodyName: string; roleKey: string }>;
  /** Links the channel the command was typed in to a body (`link purbeck-pcg`); answers with the body's name. */
  linkChannel(person: Person, where: ConversationPlace & { name: string; reference: ConversationReference }, bodyId: string): Promise<{ bodyName: string }>;
  /** A plan file sent in the 1:1 chat: its preview, or (for someone who runs several bodies) which body it is for. */
  previewPlanUpload(person: Person, file: { url: string; fileName: string }): Promise<PlanUploadAnswer>;
  /** The preview of an uploaded file for the body chosen on the choice card. */
  previewPlanUploadFor(person: Person, token: string, bodyId: string): Promise<PlanUploadAnswer>;
  /** Import on the preview card: the same import as the CLI's, refused if the plan changed since the preview. */
  importPlanUpload(person: Person, submit: PlanUploadSubmit): Promise<PlanImportedView>;
};

export type PlanUploadAnswer = { kind: 'preview'; view: PlanPreviewView } | { kind: 'choose'; view: PlanChoiceView };

export type PlanUploadSubmit = {
  /** The preview's signed token, as the card sent it back. */
  token: string;
  /** Each suggested link's toggle, by the new action's ref: false refuses it. */
  keep: Readonly<Record<string, boolean>>;
  /** The coordinator's own links, one a line (`4.1=2016-17:4.7`, `4.1=none`). */
  links: string;
};

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
