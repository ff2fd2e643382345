import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { jsonLogger } from '../../src/telemetry/json-log.js';
import type { Scheduler, TickReport } from '../../src/scheduler/scheduler.js';
import { correlationId, traceUnitsWith, withCorrelation } from '../../src/telemetry/correlation.js';
import { appMetrics, instrumentScheduler } from '../../src/telemetry/metrics.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: jsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

describe('logs (pino behind jsonLogger)', () => {
  it('writes one JSON object a line with time, level and message, and no correlation id outside a unit of work', () => {
    const { lines, log } = capture();
    log.warn('proactive send failed', { id: 'out-1', attempts: 2 });
    expect(lines).toEqual([{ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), level: 'warn', message: 'proactive send failed', id: 'out-1', attempts: 2 }]);
  });

  it('gives every line of one activity or tick the same correlation id, and each unit its own, across awaits', async () => {
    const { lines, log } = capture();
    const unit = (name: string) =>
      withCorrelation(name, async () => {
        log.info('start', { unit: name });
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.info('end', { unit: name });
      });
    await Promise.all([unit('a'), unit('b')]);
    const ids = (unit: string) => new Set(lines.filter((l) => l.unit === unit).map((l) => l.correlationId));
    expect(ids('a').size).toBe(1);
    expect(ids('b').size).toBe(1);
    expect([...ids('a')][0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect([...ids('a')][0]).not.toBe([...ids('b')][0]);
    expect(correlationId()).toBeUndefined();
  });

  it('redacts what a person wrote or who they are if a caller slips it in', () => {
    const { lines, log } = capture();
    log.error('update rejected', { id: 'a-2.3', narrative: 'Trainer off sick', author: { displayName: 'Taylor Quinn', aadObjectId: 'oid-1' } });
    expect(lines[0]).toMatchObject({ id: 'a-2.3', narrative: '[redacted]', author: { displayName: '[redacted]', aadObjectId: 'oid-1' } });
    expect(JSON.stringify(lines)).not.toMatch(/Trainer|Taylor/);
  });
});

describe('traces and metrics (OpenTelemetry)', () => {
  const spans = new InMemorySpanExporter();
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const meters = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    traceUnitsWith(trace.getTracer('test'));
  });
  afterAll(async () => {
    traceUnitsWith(null);
    trace.disable();
    context.disable();
    await meters.shutdown();
  });

  const report = (sent: number, failed: number, deferred: number): TickReport => ({
    at: '2018-03-23T09:00:00.000Z',
    sent: Array.from({ length: sent }, (_, i) => `s${i}`),
    failed: Array.from({ length: failed }, (_, i) => `f${i}`),
    unreachable: [],
    deferred: Array.from({ length: deferred }, (_, i) => `d${i}`),
    noLongerDue: [],
    taken: 0,
    skipped: null,
  });

  it('makes each tick a span whose trace id is the correlation id of its log lines, and counts its messages and duration', async () => {
    const { lines, log } = capture();
    const reports = [report(3, 1, 2), report(1, 0, 0)];
    const scheduler: Scheduler = {
      tick: async () => {
        log.info('tick');
        return reports.shift()!;
      },
      preview: async () => [],
      lastTick: () => null,
    };
    const metrics = appMetrics(meters.getMeter('test'));
    const chase = instrumentScheduler(scheduler, metrics);
    await chase.tick();
    await chase.tick();
    metrics.updateRecorded();

    const ticks = spans.getFinishedSpans().filter((s) => s.name === 'scheduler.tick');
    expect(ticks).toHaveLength(2);
    expect(lines.map((l) => l.correlationId)).toEqual(ticks.map((s) => s.spanContext().traceId));

    await reader.forceFlush();
    const points = exporter.getMetrics().at(-1)!.scopeMetrics.flatMap((s) => s.metrics);
    const named = (name: string) => points.find((m) => m.descriptor.name === name)!.dataPoints;
    const byOutcome = Object.fromEntries(named('partnership.messages').map((p) => [p.attributes.outcome, p.value]));
    expect(byOutcome).toEqual({ sent: 4, failed: 1, deferred: 2 });
    expect(named('partnership.updates.recorded').map((p) => p.value)).toEqual([1]);
    expect(named('partnership.tick.duration').map((p) => (p.value as { count: number }).count)).toEqual([2]);
  });
});

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  it('turns telemetry on when set, and names the fix when it is not a connection string', () => {
    expect(loadConfig({}).telemetry).toBeNull();
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/' }).telemetry).toEqual({
      connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/',
    });
    expect(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://example.org' })).toThrow(/APPLICATIONINSIGHTS_CONNECTION_STRING must be the Application Insights connection string/);
  });
});
