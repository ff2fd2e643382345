import type { Config } from '../config.js';

/**
 * Sends traces and metrics to Application Insights through OpenTelemetry
 * (the Azure Monitor distro), when a connection string is configured. The
 * distro is loaded only then: it is large and its instrumentations patch
 * modules, so a machine without Application Insights does not pay for it.
 * Called first, before the meters and spans it is to receive are made.
 */
export async function startTelemetry(settings: Config['telemetry']): Promise<{ stop(): Promise<void> }> {
  if (settings === null) return { stop: async () => undefined };
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString: settings.connectionString,
    },
    // Only the spans and metrics this app makes, and incoming/outgoing HTTP: no SQL, Redis or Mongo here.
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
  return { stop: () => shutdownAzureMonitor() };
}
