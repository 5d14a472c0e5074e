/** The telemetry part of the configuration: Application Insights, off unless its connection string is set. */
import { isGuid, type EnvReader } from './env';

/** Where telemetry goes, or nothing (off). */
export interface TelemetryConfig {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING as given (it is not a secret, but never logged whole). */
  readonly connectionString: string;
  /** Where the exporter posts (`{IngestionEndpoint}/v2.1/track`); Azure's global endpoint when absent. */
  readonly ingestionEndpoint: string;
  /** Live Metrics (a second stream to Azure Monitor's live endpoint); off unless TELEMETRY_LIVE_METRICS=true. */
  readonly liveMetrics: boolean;
}

/** Azure Monitor's ingestion endpoint when the connection string names none. */
export const DEFAULT_INGESTION_ENDPOINT = 'https://dc.services.visualstudio.com';

/** Reads APPLICATIONINSIGHTS_CONNECTION_STRING and TELEMETRY_LIVE_METRICS; undefined when telemetry is off. */
export function readTelemetryConfig(read: EnvReader): TelemetryConfig | undefined {
  const live = read.str('TELEMETRY_LIVE_METRICS')?.toLowerCase();
  if (live !== undefined && live !== 'true' && live !== 'false') {
    read.problem(`TELEMETRY_LIVE_METRICS must be true or false (got "${live}")`);
  }
  const connectionString = read.str('APPLICATIONINSIGHTS_CONNECTION_STRING');
  if (connectionString === undefined) return undefined;
  const fields = parseConnectionString(connectionString);
  if (!isGuid(fields.instrumentationkey ?? '')) {
    read.problem(
      'APPLICATIONINSIGHTS_CONNECTION_STRING must hold InstrumentationKey=<GUID> (Application Insights, Overview)',
    );
  }
  const endpoint = fields.ingestionendpoint ?? DEFAULT_INGESTION_ENDPOINT;
  if (!isHttpsOrigin(endpoint)) {
    read.problem('APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an https URL');
  }
  return { connectionString, ingestionEndpoint: endpoint.replace(/\/+$/, ''), liveMetrics: live === 'true' };
}

/** `Key=Value;Key=Value` with keys in lower case (Azure's connection strings are case-insensitive). */
function parseConnectionString(value: string): Record<string, string | undefined> {
  const fields: Record<string, string> = {};
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields[part.slice(0, at).trim().toLowerCase()] = part.slice(at + 1).trim();
  }
  return fields;
}

function isHttpsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password && !url.search;
  } catch {
    return false;
  }
}

/** A summary safe to log: where telemetry goes, never the instrumentation key. */
export function telemetrySummary(config: TelemetryConfig): Record<string, unknown> {
  return { ingestionEndpoint: config.ingestionEndpoint, liveMetrics: config.liveMetrics };
}
