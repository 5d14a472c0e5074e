/**
 * Application Insights through OpenTelemetry, when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 * Off, nothing of it is loaded and nothing is sent. On, it must start before restify, botbuilder or
 * fetch are loaded (index.ts starts it first), and only ever talks to the configured endpoints.
 */
import type { Logger } from '../log';
import type { TelemetryConfig } from '../config/telemetry';

/** Started telemetry, or the no-op when it is off. */
export interface Telemetry {
  readonly enabled: boolean;
  /** Sends what is pending and stops; bounded by `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
}

const OFF: Telemetry = { enabled: false, shutdown: () => Promise.resolve() };

/** Settings the distro reads from the environment, unless the operator set them. */
export const TELEMETRY_ENV_DEFAULTS: Readonly<Record<string, string>> = {
  // Statsbeat reports the SDK's own health to a Microsoft endpoint other than the configured one, and
  // asks the Azure VM metadata address where it runs. The first turns off its optional part; the second
  // (which the exporter still reads) all of it.
  APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  // Resource attributes from the environment and App Service only: no probe of the Azure VM metadata address.
  OTEL_NODE_RESOURCE_DETECTORS: 'env,azure_app_service',
  // Application Insights' cloud role name.
  OTEL_SERVICE_NAME: 'missingkbs-bot',
};

/** Starts telemetry when configured; `env` gets the defaults above first (the distro reads them at load). */
export async function startTelemetry(
  config: TelemetryConfig | undefined,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<Telemetry> {
  if (!config) return OFF;
  for (const [key, value] of Object.entries(TELEMETRY_ENV_DEFAULTS)) env[key] ??= value;
  const { startAzureMonitor } = await import('./azureMonitor');
  const running = startAzureMonitor(config, env, logger);
  logger.info('telemetry.started', { ingestionEndpoint: config.ingestionEndpoint, liveMetrics: config.liveMetrics });
  return {
    enabled: true,
    shutdown: (timeoutMs = 3000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        running.shutdown().then(done, (err: unknown) => {
          logger.warn('telemetry.shutdown_failed', { error: String(err) });
          done();
        });
      }),
  };
}
