import type { DigestItem } from '../domain/digest.js';
import type { DueMessage } from '../domain/due-messages.js';
import type { ConversationReference, Person } from '../domain/partnership.js';
import type { ActionCardView } from '../services/action-card-view.js';

/**
 * What the scheduler hands the Teams layer to send: where, and a typed
 * message the Teams side renders (its update card for an action's prompt,
 * reminder and round). The scheduler never builds an activity: that keeps
 * every Teams-specific import inside src/teams.
 */
export type SendTarget =
  | { kind: 'person'; person: Person; reference: ConversationReference }
  | { kind: 'channel'; name: string; reference: ConversationReference };

export type BodyRef = { id: string; name: string; timeZone: string };

type Rule<K extends DueMessage['kind']> = Extract<DueMessage, { kind: K }> & { body: BodyRef };

export type OutboundMessage =
  /** To the lead (or the chair when the plan names no lead): the update card with why it came. */
  | (Rule<'prompt'> & { action: ActionCardView })
  | (Rule<'reminder'> & { action: ActionCardView })
  | (Rule<'round'> & { action: ActionCardView })
  /** To the chair and to the channel: who has not answered, about which action. */
  | (Rule<'escalation'> & { action: ActionCardView; leadName: string | null })
  /** To the channel: the pre-meeting summary; the Teams side builds it as for `@bot summary`. */
  | Rule<'summary'>
  /** A tick's prompts, reminders, rounds and escalations for one person (or one body's channel), as one message: see digest.ts. */
  | DigestMessage
  /** To the chair: someone the scheduler cannot reach, said once. */
  | {
      kind: 'unreachable';
      id: string;
      body: BodyRef;
      /** Who cannot be reached: a person's name, a role nobody holds, or the channel. */
      who: string;
      reason: UnreachableReason;
      text: string;
      /** In a channel, the chairs to @mention (never the person who cannot be reached); empty in a 1:1 chat. */
      mentions: Array<{ id: string; name: string }>;
    };

/** One action in a digest: the record's item, and the action as its update card shows it. */
export type DigestEntry = { item: DigestItem; bodyName: string; action: ActionCardView; /** For an escalation: the lead, as the plan names them and who holds the role. */ lead: string | null };

export type DigestMessage = {
  kind: 'digest';
  /** The digest record's id (`sent:digest:<recipient>:<date>`) and the body whose partition holds it. */
  id: string;
  recordBodyId: string;
  /** The local date it is for, in its first body's zone. */
  date: string;
  timeZone: string;
  audience: 'person' | 'channel';
  entries: DigestEntry[];
  /** Actions it carries past `entries` (more than a record keeps): counted on the card, not listed. */
  beyond?: number;
};

export type UnreachableReason = 'role-unmapped' | 'no-conversation' | 'send-forbidden' | 'no-channel';

/**
 * The proactive sender port: the composition root builds it over the Teams
 * layer's `sendProactive`. It resolves when Teams accepted the message and
 * throws otherwise; `classifySendError` reads the error.
 */
export type ProactiveSender = (target: SendTarget, message: OutboundMessage) => Promise<{ id: string | null }>;

/** A sender may throw this to say precisely what went wrong; other errors are read by their `code` and `status`. */
export class SendRefused extends Error {
  constructor(
    readonly reason: SendFailure['reason'],
    message: string,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendRefused';
  }
}

export type SendFailure = {
  /**
   * forbidden: the person blocked the bot or removed the app (403), never retried;
   * throttled: 429, retried after Retry-After; transient: retried with backoff;
   * rejected: any other 4xx, a retry would fail the same way.
   */
  reason: 'forbidden' | 'throttled' | 'transient' | 'rejected';
  retryAfterMs: number | null;
  message: string;
  /** The sender has already told the chair that the person is lost (the Teams layer does on a 403). */
  reported: boolean;
};

const TRANSIENT = new Set([408, 412, 500, 502, 503, 504]);

/** Reads a send error: `SendRefused`, or the Teams layer's `ProactiveSendError` (code, status), or anything with a status. */
export function classifySendError(error: unknown): SendFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SendRefused) return { reason: error.reason, retryAfterMs: error.retryAfterMs, message, reported: false };
  const fields = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; status?: unknown; statusCode?: unknown; retryAfterMs?: unknown; reported?: unknown };
  const status = typeof fields.status === 'number' ? fields.status : typeof fields.statusCode === 'number' ? fields.statusCode : null;
  const retryAfterMs = typeof fields.retryAfterMs === 'number' ? fields.retryAfterMs : null;
  const reported = fields.reported === true;
  if (fields.code === 'send-forbidden' || status === 403) return { reason: 'forbidden', retryAfterMs: null, message, reported };
  if (status === 429) return { reason: 'throttled', retryAfterMs, message, reported };
  if (status === null || TRANSIENT.has(status) || status >= 500) return { reason: 'transient', retryAfterMs, message, reported };
  return { reason: 'rejected', retryAfterMs: null, message, reported };
}
