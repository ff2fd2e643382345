import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * One correlation id per unit of work (an activity from Teams, a tick of the
 * chase), carried through every await so each log line of that work names
 * it. When Application Insights is on, the unit is also a span and the id is
 * its trace id, so a log line leads to the trace (its operation id) and back.
 */
const current = new AsyncLocalStorage<string>();
const NO_TRACE = '00000000000000000000000000000000';

/** The correlation id of the work in progress, if any. */
export function correlationId(): string | undefined {
  return current.getStore();
}

/** Runs `work` as one unit: a span named `name` (a no-op without telemetry) and a fresh correlation id. */
export function withCorrelation<T>(name: string, work: () => Promise<T>): Promise<T> {
  return trace.getTracer('partnership-actions').startActiveSpan(name, async (span) => {
    const traceId = span.spanContext().traceId;
    try {
      return await current.run(traceId === NO_TRACE ? randomUUID() : traceId, work);
    } catch (error) {
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
