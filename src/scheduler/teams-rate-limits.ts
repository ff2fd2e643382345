/**
 * Teams' limits on a bot's calls to the Bot Connector, as Microsoft
 * publishes them ("Optimize your bot with rate limiting in Teams",
 * learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit; the
 * figures checked in the project's notes on the Teams platform, late 2026).
 * Microsoft says they change without notice and that a bot must back off on
 * a 429: they live here only, and the scheduler honours every Retry-After.
 *
 * - Per bot, per conversation (a 1:1 chat, a group chat or a channel),
 *   sending or creating a conversation: 7 a second, 8 in 2 seconds, 60 in 30
 *   seconds, 1,800 an hour.
 * - All bots together in one conversation: 14 a second, 16 in 2 seconds
 *   (other bots' share is not ours to see: their 429s fall under Retry-After).
 * - Global: 50 requests a second per app per tenant, every call counted
 *   (sends, roster and conversation reads), Microsoft's "global limit per
 *   app per tenant" (50 RPS).
 *
 * The scheduler in src/scheduler may not import the Teams layer, so the
 * figures it paces to are here rather than in src/teams/teams-limits.ts
 * (which holds the cards' figures and points here).
 */
export type RateWindow = { windowMs: number; max: number };

/** Per bot, per conversation: sends and conversation creates. */
export const TEAMS_SEND_LIMITS: readonly RateWindow[] = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

/** Per app, per tenant: every request the bot makes to the connector. */
export const TEAMS_TENANT_LIMIT: RateWindow = { windowMs: 1_000, max: 50 };

/**
 * The share of the tenant limit the scheduler's sends take: the rest is
 * left for the bot's answers to people (card submits, commands) made while a
 * tick runs, and for the jitter between our clock and Teams'.
 */
export const SCHEDULER_TENANT_SHARE = 0.95;
