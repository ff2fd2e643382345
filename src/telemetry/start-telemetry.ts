import type { Meter } from '@opentelemetry/api';
import type { Config } from '../config.js';
import { traceUnitsWith } from './correlation.js';

export type Telemetry = {
  /** Where the app's metrics go; null without Application Insights (the metrics are then no-ops). */
  meter: Meter | null;
  stop(): Promise<void>;
};

/**
 * Sends traces and metrics to Application Insights through OpenTelemetry
 * (the Azure Monitor distro), when a connection string is configured. The
 * distro and the OpenTelemetry API are loaded only then: they are large and
 * the distro's instrumentations patch modules, so a machine without
 * Application Insights does not pay for them. Called first, before the
 * meters and spans it is to receive are made.
 */
export async function startTelemetry(settings: Config['telemetry']): Promise<Telemetry> {
  if (settings === null) return { meter: null, stop: async () => undefined };
  const [{ useAzureMonitor, shutdownAzureMonitor }, api] = await Promise.all([import('@azure/monitor-opentelemetry'), import('@opentelemetry/api')]);
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: settings.connectionString },
    // Incoming and outgoing HTTP (Bot Connector, Cosmos DB) and the Azure SDK: no SQL, Redis or MongoDB here.
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  traceUnitsWith(api.trace.getTracer('partnership-actions'));
  return {
    meter: api.metrics.getMeter('partnership-actions'),
    stop: async () => {
      traceUnitsWith(null);
      await shutdownAzureMonitor();
    },
  };
}
