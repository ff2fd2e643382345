import { z } from 'zod';
import { ActionRefSchema, PlanActionSchema, PlanSchema } from './plan.js';
import { RoleSchema } from './roles.js';
import { BodyIdSchema, ConversationReferenceSchema, PersonIdSchema, PersonSchema } from './partnership.js';
import { StatusSchema } from './status.js';

/**
 * What the partnership's record holds beyond the body: plans (versioned on
 * every import that changes something), actions (with a pointer to their
 * latest update), status updates (immutable, one document each), sent
 * messages for the scheduler, and a directory of people.
 */

/** A plan year as committees write it: "2017-18". */
export const PlanYearSchema = z.string().regex(/^\d{4}-\d{2}$/, 'a plan year such as "2017-18"');

/** A status a person can report. `not-reported` is the absence of an update, never an update. */
export const UpdateStatusSchema = StatusSchema.exclude(['not-reported']);
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** `undo`: a correcting update restoring what an undone update replaced (see undo-update.ts). */
export const UpdateSourceSchema = z.enum(['card', 'command', 'import', 'cli', 'undo']);
export type UpdateSource = z.infer<typeof UpdateSourceSchema>;

/**
 * Who typed an update in for its author: an operator of the admin CLI, named
 * by `--operator` or their login, or a coordinator or chair in Teams, who is
 * also `person` (their Entra id: Teams says who they are, the CLI cannot).
 * Null: the author entered it themselves, or an import recorded the plan's
 * own words.
 */
export const EnteredBySchema = z.object({ operator: z.string().min(1).max(100), person: PersonIdSchema.optional() });
export type EnteredBy = z.infer<typeof EnteredBySchema>;

/** One status update: a fact with an author and a time, never changed after it is written. */
export const StatusUpdateSchema = z
  .object({
    id: z.string().min(1),
    bodyId: BodyIdSchema,
    actionId: z.string().min(1),
    year: PlanYearSchema,
    ref: z.string().min(1),
    /** `not-reported` only in an undo that takes back an action's first update. */
    status: StatusSchema,
    narrative: z.string(),
    /** ISO date the author now expects the action done by. */
    revisedDeadline: z.iso.date().nullable(),
    author: PersonSchema,
    /** UTC instant it was recorded. */
    at: z.iso.datetime(),
    source: UpdateSourceSchema,
    /** Who entered it, when not its author; absent or null: the author did (updates written before this field have none). */
    enteredBy: EnteredBySchema.nullish(),
    /** The latest update the author saw when they wrote this one (null: none). */
    basedOn: z.string().nullable(),
    /** For an imported update: the plan version whose file said it. */
    planVersion: z.number().int().positive().nullable(),
    /**
     * For an undo: when the update it brings back was recorded (null: it
     * brings back the plan's own words). Absent on undos written before it.
     */
    restoresAt: z.iso.datetime().nullable().optional(),
  })
  .refine((u) => u.status !== 'not-reported' || u.source === 'undo', { message: 'only an undo restores "not reported"', path: ['status'] });
export type StatusUpdate = z.infer<typeof StatusUpdateSchema>;

/**
 * When the lead last reported on an action, as the chase, the digest and the
 * chair's summary count it. An undo is no report of its own: it brings back
 * the update before the one taken back, and that update's time with it.
 */
export function lastReportedAt(latest: StatusUpdate | null): string | null {
  if (latest === null) return null;
  return latest.source === 'undo' && latest.restoresAt !== undefined ? latest.restoresAt : latest.at;
}

/** Last year's action a new plan's action continues (see carry-forward.ts): its history is the new action's too. */
export const ContinuesSchema = z.object({
  year: PlanYearSchema,
  ref: ActionRefSchema,
  /** The matcher's score when the link was its suggestion; null when a coordinator named it. */
  score: z.number().min(0).max(1).nullable(),
});
export type Continues = z.infer<typeof ContinuesSchema>;

/** The plan's own words for an action as last imported (status and update column included). */
export const ImportedActionSchema = PlanActionSchema;

export const StoredActionSchema = z.object({
  id: z.string().min(1),
  bodyId: BodyIdSchema,
  year: PlanYearSchema,
  ref: z.string().min(1),
  priority: z.object({ number: z.number().int(), title: z.string(), corporatePriority: z.string().nullable() }),
  /** The action as the newest plan version states it. */
  plan: ImportedActionSchema,
  addedInVersion: z.number().int().positive(),
  /** Set when a later plan version left the action out; it and its history stay. */
  removedInVersion: z.number().int().positive().nullable(),
  /** The newest update (by time, then id); null until someone reports. */
  latest: StatusUpdateSchema.nullable(),
  /** The newest revised deadline any update gave, or null. */
  revisedDeadline: z.iso.date().nullable(),
  /** Carried forward from last year's plan; absent (or null) when it is new work. */
  continues: ContinuesSchema.nullable().optional(),
});
export type StoredAction = z.infer<typeof StoredActionSchema>;

export const PlanChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.object({ ref: z.string(), fields: z.array(z.string()) })),
  /** Refs whose status column gave a new imported update. */
  statusUpdates: z.array(z.string()),
});
export type PlanChanges = z.infer<typeof PlanChangesSchema>;

/** One import of a plan year, kept whole: what the file said and what changed. */
export const PlanVersionSchema = z.object({
  id: z.string().min(1),
  bodyId: BodyIdSchema,
  year: PlanYearSchema,
  version: z.number().int().positive(),
  plan: PlanSchema,
  fileName: z.string(),
  importedBy: PersonSchema,
  importedAt: z.iso.datetime(),
  changes: PlanChangesSchema,
});
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

/** A body's plan for a year: points at its newest version. */
export const PlanHeadSchema = z.object({
  id: z.string().min(1),
  bodyId: BodyIdSchema,
  year: PlanYearSchema,
  title: z.string(),
  version: z.number().int().positive(),
  roles: z.array(RoleSchema),
  priorities: z.array(z.object({ number: z.number().int(), title: z.string(), corporatePriority: z.string().nullable() })),
  importedAt: z.iso.datetime(),
});
export type PlanHead = z.infer<typeof PlanHeadSchema>;

/**
 * A proactive message the scheduler sends once: claimed (created with its
 * deterministic id) before the send, marked after it.
 */
export const SentMessageSchema = z.object({
  id: z.string().min(1),
  bodyId: BodyIdSchema,
  kind: z.string().min(1),
  actionId: z.string().nullable(),
  slot: z.string().min(1),
  state: z.enum(['claimed', 'sent', 'failed']),
  claimedAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type SentMessage = z.infer<typeof SentMessageSchema>;

/** A person across bodies: which bodies map them to a role, and their 1:1 chat with the bot. */
export const PersonDirectorySchema = PersonSchema.extend({
  id: z.string().min(1),
  bodies: z.array(BodyIdSchema),
  conversation: ConversationReferenceSchema.nullable(),
  /**
   * Set when Teams said the bot can no longer reach the person (they left,
   * uninstalled the app, or blocked the bot); cleared when they next write to it.
   * Optional so entries written before it existed still read.
   */
  unreachable: z
    .object({ since: z.iso.datetime(), reason: z.enum(['member-removed', 'app-uninstalled', 'send-forbidden']), detail: z.string() })
    .nullable()
    .optional(),
});
export type PersonDirectory = z.infer<typeof PersonDirectorySchema>;

/** Which body a Teams channel is linked to, found by the channel's conversation id (a point read). */
export const ChannelLinkSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  bodyId: BodyIdSchema,
});
export type ChannelLink = z.infer<typeof ChannelLinkSchema>;

/** A channel's conversation id without the thread part Teams adds to replies (`;messageid=…`). */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0]!.trim();
}

/** Cosmos ids may not hold "/", "\\", "?" or "#": the conversation id is kept URI-encoded. */
export function channelLinkId(conversationId: string): string {
  return `channel:${encodeURIComponent(channelConversationId(conversationId))}`;
}

export function actionIdOf(year: string, ref: string): string {
  return `action:${year}:${ref}`;
}

export function planHeadId(year: string): string {
  return `plan:${year}`;
}

export function planVersionId(year: string, version: number): string {
  return `plan:${year}:v${version}`;
}

export function sentMessageId(kind: string, actionId: string | null, slot: string): string {
  return `sent:${kind}:${actionId ?? 'body'}:${slot}`;
}
