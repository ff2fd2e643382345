import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationLimiter, TenantPacer } from '../../src/scheduler/rate-limit.js';
import { TEAMS_SEND_LIMITS, TEAMS_TENANT_LIMIT, type RateWindow } from '../../src/scheduler/teams-rate-limits.js';
import { fullestWindow as fullest } from '../teams/connector-stand-in.js';

/**
 * Someone who wants to send at arbitrary moments into a few conversations,
 * and sends only when the limiters say 0: what goes out.
 */
function drive(wants: Array<{ gap: number; conversation: number }>, limits: readonly RateWindow[], tenant: TenantPacer | null) {
  const limiter = new ConversationLimiter(limits);
  let now = 1_000_000;
  const sent: Array<{ at: number; conversation: string }> = [];
  for (const { gap, conversation } of wants) {
    now += gap;
    const c = `c${conversation}`;
    // Waits as the scheduler does: the longer of the two, asked again after sleeping.
    for (let wait = -1; wait !== 0; ) {
      wait = Math.max(limiter.waitMs(c, now), tenant?.waitMs(now) ?? 0);
      now += wait;
    }
    limiter.record(c, now);
    tenant?.record(now);
    sent.push({ at: now, conversation: c });
  }
  return sent;
}

const wants = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), conversation: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 400 });

describe('the rate limiters', () => {
  it("never let more into one conversation than each of Teams' windows allows", () => {
    fc.assert(
      fc.property(wants, (w) => {
        const sent = drive(w, TEAMS_SEND_LIMITS, null);
        for (const c of new Set(sent.map((s) => s.conversation))) {
          const times = sent.filter((s) => s.conversation === c).map((s) => s.at);
          for (const { windowMs, max } of TEAMS_SEND_LIMITS) expect(fullest(times, windowMs)).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('never wait when a send fits: the next send goes as soon as every window has room', () => {
    fc.assert(
      fc.property(wants, (w) => {
        const limiter = new ConversationLimiter(TEAMS_SEND_LIMITS);
        const sent = drive(w, TEAMS_SEND_LIMITS, null);
        for (const s of sent) limiter.record(s.conversation, s.at);
        const last = sent[sent.length - 1]!;
        const wait = limiter.waitMs(last.conversation, last.at);
        const times = sent.filter((s) => s.conversation === last.conversation).map((s) => s.at);
        // One more send after the wait fits every window, and one a millisecond sooner would not (unless no wait).
        expect(TEAMS_SEND_LIMITS.every(({ windowMs, max }) => fullest([...times, last.at + wait], windowMs) <= max)).toBe(true);
        if (wait > 0) expect(TEAMS_SEND_LIMITS.some(({ windowMs, max }) => fullest([...times, last.at + wait - 1], windowMs) > max)).toBe(true);
      }),
    );
  });

  it("keep the bot as a whole under the tenant's 50 a second, at least 90% of it when the queue is full", () => {
    fc.assert(
      fc.property(wants, fc.integer({ min: 0, max: 30 }), (w, conversations) => {
        const spread = w.map((x, i) => ({ gap: x.gap % 20, conversation: (x.conversation * 31 + i) % (conversations + 4) }));
        const sent = drive(spread, [], new TenantPacer());
        const times = sent.map((s) => s.at);
        expect(fullest(times, TEAMS_TENANT_LIMIT.windowMs)).toBeLessThanOrEqual(TEAMS_TENANT_LIMIT.max);
        // Never in bursts: at most 3 in any 1/50 s, at most 5 in any 3/50 s.
        expect(fullest(times, 20)).toBeLessThanOrEqual(3);
        expect(fullest(times, 60)).toBeLessThanOrEqual(5);
      }),
    );
    // A full queue: 1,000 sends back to back go at 95% of the limit.
    const pacer = new TenantPacer();
    const burst = drive(Array.from({ length: 1_000 }, (_, i) => ({ gap: 0, conversation: i })), [], pacer);
    const seconds = (burst[burst.length - 1]!.at - burst[0]!.at) / 1000;
    expect((burst.length - 1) / seconds / TEAMS_TENANT_LIMIT.max).toBeGreaterThanOrEqual(0.9);
  });

  it("hold every send for a 429's Retry-After", () => {
    const pacer = new TenantPacer();
    pacer.block(5_000);
    expect(pacer.waitMs(1_000)).toBe(4_000);
    expect(pacer.waitMs(5_000)).toBe(0);
    const limiter = new ConversationLimiter();
    limiter.block('a', 9_000);
    expect(limiter.waitMs('a', 1_000)).toBe(8_000);
    expect(limiter.waitMs('b', 1_000)).toBe(0);
  });

  it('refuse a share of the tenant limit outside (0, 1]', () => {
    expect(() => new TenantPacer(TEAMS_TENANT_LIMIT, 0)).toThrow('the tenant share must be in (0, 1]');
    expect(() => new TenantPacer(TEAMS_TENANT_LIMIT, 1.5)).toThrow('the tenant share must be in (0, 1]');
  });
});
