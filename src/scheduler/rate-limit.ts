import { SCHEDULER_TENANT_SHARE, TEAMS_SEND_LIMITS, TEAMS_TENANT_LIMIT, type RateWindow } from './teams-rate-limits.js';

/**
 * Sliding windows of send times per conversation, on an injected clock. The
 * scheduler asks how long a conversation must wait, sends elsewhere in the
 * meantime, and records each send; a 429 blocks the conversation until its
 * Retry-After has passed. Only one tick of an installation runs at a time
 * (the tick lease), so this one process's count is the bot's.
 *
 * Both questions cost O(windows): send times are kept in order, so a window
 * is full exactly when the send `max` places back is still inside it.
 */
export class ConversationLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longest: number;

  constructor(private readonly limits: readonly RateWindow[] = TEAMS_SEND_LIMITS) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Milliseconds until one more send into `conversation` keeps within every limit; 0 when it may go now. */
  waitMs(conversation: string, now: number): number {
    let wait = Math.max(0, (this.blocked.get(conversation) ?? 0) - now);
    const times = this.sent.get(conversation);
    if (times === undefined) return wait;
    for (const { windowMs, max } of this.limits) {
      // The oldest send that must leave the window before one more fits.
      const oldest = times[times.length - max];
      if (oldest !== undefined && oldest > now - windowMs) wait = Math.max(wait, oldest + windowMs - now);
    }
    return wait;
  }

  /** Records a send at `now`; calls come in clock order. */
  record(conversation: string, now: number): void {
    let times = this.sent.get(conversation);
    if (times === undefined) this.sent.set(conversation, (times = []));
    times.push(now);
    let expired = 0;
    while (times[expired]! <= now - this.longest) expired++;
    if (expired > 0) times.splice(0, expired);
  }

  block(conversation: string, until: number): void {
    this.blocked.set(conversation, Math.max(until, this.blocked.get(conversation) ?? 0));
  }
}

/**
 * The bot's sends as a whole, kept to a share of Teams' tenant-wide limit:
 * at most `max × share` (47 of 50) in any window of the limit's length, and
 * spaced at the limit's own rate (1/50 s) with a burst of at most 3: after
 * a send that went late (a busy event loop wakes timers late) the next two
 * may follow at once and catch up, but the sends never bunch beyond that.
 * The headroom is for the bot's answers to people during a tick and for
 * jitter between our clock and Teams'. A 429 (Teams' Retry-After) holds
 * every send: a bot within each conversation's limits is refused for its
 * total.
 */
export class TenantPacer {
  private readonly window: ConversationLimiter;
  private readonly gapMs: number;
  /** When the next send is due at the steady rate (GCRA's theoretical arrival time). */
  private due = Number.NEGATIVE_INFINITY;
  private blockedUntil = 0;

  constructor(limit: RateWindow = TEAMS_TENANT_LIMIT, share = SCHEDULER_TENANT_SHARE) {
    if (!(share > 0 && share <= 1)) throw new Error(`the tenant share must be in (0, 1], not ${share}`);
    this.window = new ConversationLimiter([{ windowMs: limit.windowMs, max: Math.max(1, Math.floor(limit.max * share)) }]);
    this.gapMs = limit.windowMs / limit.max;
  }

  /** Milliseconds until the next send may go; 0 when it may go now. */
  waitMs(now: number): number {
    return Math.max(0, this.due - (BURST - 1) * this.gapMs - now, this.blockedUntil - now, this.window.waitMs(TENANT, now));
  }

  /** Records a send at `now`; calls come in clock order. */
  record(now: number): void {
    this.due = Math.max(this.due, now) + this.gapMs;
    this.window.record(TENANT, now);
  }

  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}

const TENANT = 'tenant';
const BURST = 3;
