/**
 * Figures Microsoft publishes for Teams' cards (see the shared notes,
 * teams-platform.md). They change over time: keep them here only. Teams'
 * rate limits, which the scheduler paces its sends to, are in
 * src/scheduler/teams-rate-limits.ts: the scheduler may not import this layer.
 */
export const TEAMS_LIMITS = {
  /** `refresh.userIds` takes at most this many users. */
  refreshUserIdsMax: 60,
} as const;
