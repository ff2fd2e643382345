import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ChaseOverridesSchema } from './chase-settings.js';

/**
 * The partnership bodies and the people who act in them.
 *
 * A person is their Entra object id within a tenant (the Teams layer gets
 * both from every activity); display names are for display only and never
 * decide anything.
 */
export const PersonIdSchema = z.object({
  tenantId: z.string().min(1),
  aadObjectId: z.string().min(1),
});
export type PersonId = z.infer<typeof PersonIdSchema>;

export const PersonSchema = PersonIdSchema.extend({
  displayName: z.string().min(1),
});
export type Person = z.infer<typeof PersonSchema>;

export function samePerson(a: PersonId, b: PersonId): boolean {
  return a.tenantId === b.tenantId && a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
}

/** The key of a person across the store: `tenantId:aadObjectId`, lower case. */
export function personKey(p: PersonId): string {
  return `${p.tenantId}:${p.aadObjectId}`.toLowerCase();
}

/** A body's id is chosen by its coordinator and is the partition key of everything the body owns. */
export const BodyIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a short id of lower-case letters, digits and hyphens, e.g. "purbeck-pcg"');

/**
 * Where the bot talks: a Bot Framework conversation reference as the Teams
 * layer stores it (conversation id, service URL, bot, channel). Kept loose:
 * the store keeps it whole and gives it back.
 */
export const ConversationReferenceSchema = z.looseObject({
  conversation: z.looseObject({ id: z.string().min(1) }),
  serviceUrl: z.string().min(1),
  channelId: z.string().optional(),
});
export type ConversationReference = z.infer<typeof ConversationReferenceSchema>;

export const LinkedChannelSchema = z.object({
  /** The channel's name as Teams shows it, for messages to people. */
  name: z.string().min(1),
  reference: ConversationReferenceSchema,
  linkedBy: PersonIdSchema,
  linkedAt: z.iso.datetime(),
  /** A fresh id for each link (absent on links made before it was kept), so a confirmation names the very link it replaces. */
  linkId: z.string().min(1).max(100).optional(),
});
export type LinkedChannel = z.infer<typeof LinkedChannelSchema>;

/** What a link confirmation names: the link's own id, or its time for a link older than ids. */
export function linkToken(channel: LinkedChannel): string {
  return channel.linkId ?? channel.linkedAt;
}

/** A role named in a plan ("CSO") held by a person, and who may act for them. */
export const RoleHolderSchema = z.object({
  /** The role key as the plan names it (see roles.ts). */
  key: z.string().min(1),
  /** The role's full name where the plan defines one. */
  name: z.string().min(1),
  person: PersonSchema,
  /** Another person who may act for the role holder (leave, absence). */
  delegate: PersonSchema.nullable(),
});
export type RoleHolder = z.infer<typeof RoleHolderSchema>;

/** A meeting on the body's calendar: a local date and time in the body's time zone. */
export const MeetingSchema = z.iso.datetime({ local: true, precision: -1 });

/** An IANA time zone such as "Europe/London": calendar rules (end of month, working days) are computed in it. */
export const TimeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as "Europe/London"');

export const BodyKindSchema = z.enum(['csp', 'pcg']);

export const BodySchema = z.object({
  id: BodyIdSchema,
  kind: BodyKindSchema,
  name: z.string().min(1),
  /** A PCG's CSP; null for a CSP. `*CSP action` actions roll up to it. */
  parentId: BodyIdSchema.nullable(),
  /** A CSP's PCGs (empty for a PCG): where its rolled-up `*CSP action` actions live. */
  memberIds: z.array(BodyIdSchema).default([]),
  /** The Entra tenant the partnership runs in: updates from any other are refused. */
  tenantId: z.string().min(1),
  timeZone: TimeZoneSchema.default('Europe/London'),
  chairs: z.array(PersonSchema),
  coordinators: z.array(PersonSchema),
  roles: z.array(RoleHolderSchema),
  channel: LinkedChannelSchema.nullable(),
  /** Local date-times (`2018-01-15T14:00`), oldest first. */
  meetings: z.array(MeetingSchema),
  /** The plan year updates go to when none is named, e.g. "2017-18": the newest imported. */
  currentPlanYear: z.string().nullable(),
  /** The body's own chase settings over the product's defaults; null: the defaults. */
  chase: ChaseOverridesSchema.nullable().default(null),
});
export type Body = z.infer<typeof BodySchema>;

export function isChair(body: Body, person: PersonId): boolean {
  return body.chairs.some((c) => samePerson(c, person));
}

export function isCoordinator(body: Body, person: PersonId): boolean {
  return body.coordinators.some((c) => samePerson(c, person));
}

/** Who runs the body's set-up (roles, meetings, channel, imports): its coordinators and chairs. */
export function canAdminister(body: Body, person: PersonId): boolean {
  return isChair(body, person) || isCoordinator(body, person);
}

export function roleHolder(body: Body, key: string): RoleHolder | undefined {
  const wanted = key.toLowerCase();
  return body.roles.find((r) => r.key.toLowerCase() === wanted);
}

/** Everyone the body knows by name: chairs, coordinators, role holders and delegates. */
export function peopleOf(body: Body): Person[] {
  const all = [...body.chairs, ...body.coordinators, ...body.roles.flatMap((r) => (r.delegate ? [r.person, r.delegate] : [r.person]))];
  return all.filter((p, i) => all.findIndex((q) => samePerson(p, q)) === i);
}

/** Every role key the person holds in the body, themselves or as delegate. */
export function rolesOf(body: Body, person: PersonId): string[] {
  return body.roles
    .filter((r) => samePerson(r.person, person) || (r.delegate !== null && samePerson(r.delegate, person)))
    .map((r) => r.key);
}
