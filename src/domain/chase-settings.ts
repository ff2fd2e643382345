import { IANAZone } from 'luxon';
import { z } from 'zod';
import { clockMinutes } from './working-time.js';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time such as "09:00"');
const DaysSchema = z.number().int().min(1).max(366);

/** The settings a body may change, each a rule of issue 6 with the product's default. */
const FIELDS = {
  /** Messages go out only from workdayStart up to workdayEnd, local time, on working days. */
  workdayStart: { schema: ClockSchema, default: '09:00' },
  workdayEnd: { schema: ClockSchema, default: '17:00' },
  /** The local time every prompt, reminder, round and summary is scheduled for. */
  sendAt: { schema: ClockSchema, default: '09:00' },
  /** Prompts before a due date, in calendar days. */
  promptDaysBefore: { schema: z.array(DaysSchema).max(20), default: [14, 7, 1] },
  /** Overdue reminders repeat this many calendar days apart: more than the longest run of non-working days, so they stay in order. */
  reminderEveryDays: { schema: z.number().int().min(5).max(366), default: 7 },
  /** Escalate after this many reminders in a row go unanswered. */
  escalateAfterReminders: { schema: z.number().int().min(1).max(20), default: 2 },
  /** The update round opens this many calendar days before a meeting. */
  roundOpensDaysBefore: { schema: DaysSchema, default: 10 },
  /** The summary is posted this many working days before a meeting. */
  summaryWorkingDaysBefore: { schema: z.number().int().min(0).max(30), default: 2 },
} as const;

type Fields = typeof FIELDS;

/** A body's own chase settings: any of the fields, the rest the product's defaults; its zone is the body's own. */
export const ChaseOverridesSchema = z.strictObject(
  Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.schema.optional()])) as { [K in keyof Fields]: z.ZodOptional<Fields[K]['schema']> },
);
export type ChaseOverrides = z.infer<typeof ChaseOverridesSchema>;

/**
 * How a body chases its actions: every field defaulted to the product's
 * defaults, so `ChaseSettingsSchema.parse({})` is the usual body.
 */
export const ChaseSettingsSchema = z
  .object({
    /** IANA zone every calendar rule is computed in. */
    timeZone: z
      .string()
      .default('Europe/London')
      .refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as "Europe/London"'),
    ...(Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, (f.schema as z.ZodType).default(f.default)])) as { [K in keyof Fields]: z.ZodDefault<Fields[K]['schema']> }),
  })
  .refine((s) => clockMinutes(s.workdayStart) < clockMinutes(s.workdayEnd), {
    message: 'the working day must end after it starts',
    path: ['workdayEnd'],
  })
  .refine((s) => clockMinutes(s.sendAt) >= clockMinutes(s.workdayStart) && clockMinutes(s.sendAt) < clockMinutes(s.workdayEnd), {
    message: 'messages must be scheduled within working hours',
    path: ['sendAt'],
  });
export type ChaseSettings = z.infer<typeof ChaseSettingsSchema>;

export const DEFAULT_CHASE_SETTINGS: ChaseSettings = ChaseSettingsSchema.parse({});

/** A body's settings: `base` (the product's defaults) with the body's own over it, in the body's zone. */
export function bodyChaseSettings(body: { timeZone: string; chase?: ChaseOverrides | null }, base: ChaseSettings = DEFAULT_CHASE_SETTINGS): ChaseSettings {
  return { ...base, ...body.chase, timeZone: body.timeZone };
}
