/**
 * Figures Microsoft publishes for Teams' cards (see the shared notes,
 * teams-platform.md). They change over time: keep them here only. Teams'
 * rate limits, which the scheduler paces its sends to, are in
 * src/scheduler/teams-rate-limits.ts: the scheduler may not import this layer.
 */
export const TEAMS_LIMITS = {
  /** `refresh.userIds` takes at most this many users. */
  refreshUserIdsMax: 60,
  /** Teams refuses a bot's message (or card answer) over about 28 KB. */
  messageBytesMax: 28 * 1024,
} as const;

/**
 * Chart elements Teams renders in bot cards (Adaptive Cards 1.5, Teams'
 * own extension; the Agents Playground registers them too). Other hosts
 * do not know them, so every chart carries `fallback: "drop"` and its
 * figures are also on the card in words.
 */
export const TEAMS_CHART_ELEMENTS = ['Chart.Donut', 'Chart.Pie', 'Chart.Gauge', 'Chart.Line', 'Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked', 'Chart.VerticalBar', 'Chart.VerticalBar.Grouped'] as const;
