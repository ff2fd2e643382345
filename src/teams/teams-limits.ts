/**
 * Figures Microsoft publishes for Teams (see the shared notes,
 * teams-platform.md). They change over time: keep them here only.
 */
export const TEAMS_LIMITS = {
  /** `refresh.userIds` takes at most this many users. */
  refreshUserIdsMax: 60,
} as const;
