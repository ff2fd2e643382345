import { z } from 'zod';
import { SentMessageSchema } from './action-record.js';
import { DigestItemSchema } from './digest.js';

/**
 * The scheduler's record of one proactive message to one recipient: the
 * store's sent-message document (same id scheme, `sent:kind:actionId:slot`,
 * and for a chair `…@<person key>`), plus what retrying it needs.
 *
 * - `claimed`: a scheduler created (or took over) the record and is sending;
 *   `nextAttemptAt` is when the claim counts as abandoned (the process died
 *   between claim and mark) and another tick may send it again.
 * - `sent`: done; `nextAttemptAt` null.
 * - `failed`: the last attempt failed (`lastError`); retried from
 *   `nextAttemptAt`, or never when that is null (gave up, unreachable, or no
 *   longer due).
 */
export const OutboundRecordSchema = SentMessageSchema.extend({
  /** The slot's instant (UTC): the due scan finds recent records by it. */
  scheduledFor: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Who it is for, for people reading the record: a person key, "channel", or a role key nobody holds. */
  recipient: z.string().min(1),
  /** For a report that cannot be rebuilt from the rules (an unreachable lead): the text told. */
  note: z.string().nullable(),
  /** A digest's actions, as its card lists them (see digest.ts); absent on every other record. */
  items: z.array(DigestItemSchema).max(500).optional(),
  /** How many more actions a digest carried past its `items` (`DIGEST_ITEMS_RECORD_MAX`): sent with it, counted, not listed. */
  beyond: z.number().int().min(0).optional(),
});
export type OutboundRecord = z.infer<typeof OutboundRecordSchema>;

/** Not sent, and its retry (or abandoned claim's) time has come. */
export function isRetryDue(record: OutboundRecord, now: Date): boolean {
  return record.state !== 'sent' && record.nextAttemptAt !== null && Date.parse(record.nextAttemptAt) <= now.getTime();
}

export const TICK_MARK_ID = 'scheduler:last-tick';

/** When the scheduler last finished a tick, on any instance: a tick after a gap catches up from there (see due-scan.ts). */
export const TickMarkSchema = z.object({ id: z.literal(TICK_MARK_ID), lastTickAt: z.iso.datetime() });
export type TickMark = z.infer<typeof TickMarkSchema>;
