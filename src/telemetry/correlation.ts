import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { SpanStatusCode, Tracer } from '@opentelemetry/api';

/**
 * One correlation id per unit of work (an activity from Teams, a tick of the
 * chase), carried through every await so each log line of that work names
 * it. When Application Insights is on, the unit is also a span and the id is
 * its trace id, so a log line leads to the trace (its operation id) and back.
 */
const current = new AsyncLocalStorage<string>();
const NO_TRACE = '00000000000000000000000000000000';
const SPAN_ERROR = 2 as SpanStatusCode.ERROR;

/** Set by start-telemetry.ts once tracing is on; without it no OpenTelemetry module is loaded at all. */
let tracer: Tracer | null = null;

export function traceUnitsWith(next: Tracer | null): void {
  tracer = next;
}

/** The correlation id of the work in progress, if any. */
export function correlationId(): string | undefined {
  return current.getStore();
}

/** Runs `work` as one unit: a fresh correlation id and, with tracing on, a span named `name`. */
export function withCorrelation<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (tracer === null) return current.run(randomUUID(), work);
  return tracer.startActiveSpan(name, async (span) => {
    const traceId = span.spanContext().traceId;
    try {
      return await current.run(traceId === NO_TRACE ? randomUUID() : traceId, work);
    } catch (error) {
      span.setStatus({ code: SPAN_ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
