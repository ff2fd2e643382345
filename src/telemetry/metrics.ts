import type { Meter } from '@opentelemetry/api';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { BotUseCases } from '../teams/bot-ports.js';
import { withCorrelation } from './correlation.js';

/**
 * The counters an operator watches (Application Insights, customMetrics):
 * updates recorded, proactive messages sent, failed and deferred, and how
 * long each tick of the chase takes, on the meter start-telemetry.ts made.
 */
export type AppMetrics = {
  updateRecorded(): void;
  tick(
    report: {
      sent: readonly unknown[];
      failed: readonly unknown[];
      deferred: readonly unknown[];
    },
    durationMs: number,
  ): void;
};

/** The app's metrics on `meter`, or no-ops when there is none (no Application Insights). */
export function appMetrics(meter: Meter | null): AppMetrics {
  if (meter === null) return { updateRecorded: () => undefined, tick: () => undefined };
  const updates = meter.createCounter('partnership.updates.recorded', {
    description: 'Status updates recorded from Teams cards',
  });
  const messages = meter.createCounter('partnership.messages', {
    description: 'Proactive messages of the chase, by outcome (sent, failed, deferred)',
  });
  const tickDuration = meter.createHistogram('partnership.tick.duration', {
    description: 'How long one tick of the chase took',
    unit: 'ms',
  });
  return {
    updateRecorded: () => updates.add(1),
    tick(report, durationMs) {
      messages.add(report.sent.length, { outcome: 'sent' });
      messages.add(report.failed.length, { outcome: 'failed' });
      messages.add(report.deferred.length, { outcome: 'deferred' });
      tickDuration.record(durationMs);
    },
  };
}

/** The scheduler with each tick one correlated unit of work (a span, one id on its log lines), measured. */
export function instrumentScheduler(scheduler: Scheduler, appMetrics: AppMetrics): Scheduler {
  return {
    ...scheduler,
    tick: (now) =>
      withCorrelation('scheduler.tick', async () => {
        const started = performance.now();
        const report = await scheduler.tick(now);
        appMetrics.tick(report, performance.now() - started);
        return report;
      }),
  };
}

/** The bot's use cases, counting the updates recorded. */
export function countUpdates(useCases: BotUseCases, appMetrics: AppMetrics): BotUseCases {
  return {
    ...useCases,
    async recordUpdate(person, submission) {
      const result = await useCases.recordUpdate(person, submission);
      appMetrics.updateRecorded();
      return result;
    },
  };
}
