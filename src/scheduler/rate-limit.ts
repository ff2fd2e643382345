/**
 * Teams' limits on a bot's sends into one conversation (notes/teams-platform.md):
 * 7 a second, 8 in 2 seconds, 60 in 30 seconds, 1800 an hour.
 */
export const TEAMS_SEND_LIMITS: ReadonlyArray<{ windowMs: number; max: number }> = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

/**
 * Sliding windows of send times per conversation, on an injected clock. The
 * scheduler asks how long a conversation must wait, sends elsewhere in the
 * meantime, and records each send; a 429 blocks the conversation until its
 * Retry-After has passed. Kept per process: instances share nothing but the
 * store, so several instances each keep within the limits, and Teams' 429
 * covers the rest.
 */
export class ConversationLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longest: number;

  constructor(private readonly limits: ReadonlyArray<{ windowMs: number; max: number }> = TEAMS_SEND_LIMITS) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Milliseconds until one more send into `conversation` keeps within every limit; 0 when it may go now. */
  waitMs(conversation: string, now: number): number {
    let wait = Math.max(0, (this.blocked.get(conversation) ?? 0) - now);
    const times = this.sent.get(conversation) ?? [];
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      // The oldest send that must leave the window before one more fits.
      if (inWindow.length >= max) wait = Math.max(wait, inWindow[inWindow.length - max]! + windowMs - now);
    }
    return wait;
  }

  record(conversation: string, now: number): void {
    const times = (this.sent.get(conversation) ?? []).filter((t) => t > now - this.longest);
    times.push(now);
    this.sent.set(conversation, times);
  }

  block(conversation: string, until: number): void {
    this.blocked.set(conversation, Math.max(until, this.blocked.get(conversation) ?? 0));
  }
}
