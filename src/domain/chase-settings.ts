import { IANAZone } from 'luxon';
import { z } from 'zod';
import { clockMinutes } from './working-time.js';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time such as "09:00"');
const DaysSchema = z.number().int().min(1).max(366);

/**
 * How a body chases its actions: per body, every field defaulted to the
 * product's defaults, so `ChaseSettingsSchema.parse({})` is the usual body.
 */
export const ChaseSettingsSchema = z
  .object({
    /** IANA zone every calendar rule is computed in. */
    timeZone: z
      .string()
      .default('Europe/London')
      .refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone such as "Europe/London"'),
    /** Messages go out only from workdayStart up to workdayEnd, local time, on working days. */
    workdayStart: ClockSchema.default('09:00'),
    workdayEnd: ClockSchema.default('17:00'),
    /** The local time every prompt, reminder, round and summary is scheduled for. */
    sendAt: ClockSchema.default('09:00'),
    /** Prompts before a due date, in calendar days. */
    promptDaysBefore: z.array(DaysSchema).max(20).default([14, 7, 1]),
    /** Overdue reminders repeat this many calendar days apart: more than the longest run of non-working days, so they stay in order. */
    reminderEveryDays: z.number().int().min(5).max(366).default(7),
    /** Escalate after this many reminders in a row go unanswered. */
    escalateAfterReminders: z.number().int().min(1).max(20).default(2),
    /** The update round opens this many calendar days before a meeting. */
    roundOpensDaysBefore: DaysSchema.default(10),
    /** The summary is posted this many working days before a meeting. */
    summaryWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
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
