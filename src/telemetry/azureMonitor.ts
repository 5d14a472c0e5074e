/**
 * Azure Monitor's OpenTelemetry distro, configured to send only to the configured ingestion endpoint.
 * Loaded by ./index.ts only when telemetry is on, before restify, botbuilder or fetch are first used.
 */
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import {
  shutdownAzureMonitor,
  useAzureMonitor,
  type AzureMonitorOpenTelemetryOptions,
} from '@azure/monitor-opentelemetry';
import { diag, DiagLogLevel, isSpanContextValid, trace } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { setOperationIdSource, type Logger } from '../log';
import type { TelemetryConfig } from '../config/telemetry';
import { meterSignals } from './meters';
import { redactingProcessor } from './redact';
import { setSignals } from './signals';

/** What index.ts keeps: a flush of everything pending, then the end of telemetry. */
export interface RunningTelemetry {
  shutdown(): Promise<void>;
}

const DISABLED = { enabled: false };

/** Starts the distro with the bot's instrumentations, signals and log correlation. */
export function startAzureMonitor(config: TelemetryConfig, env: NodeJS.ProcessEnv, logger: Logger): RunningTelemetry {
  if (!vmProbeAsked(env)) withoutVmProbe();
  const options: AzureMonitorOpenTelemetryOptions = {
    azureMonitorExporterOptions: { connectionString: config.connectionString },
    enableLiveMetrics: config.liveMetrics,
    spanProcessors: [redactingProcessor],
    instrumentationOptions: {
      // Health probes (App Service pings every instance each minute) are not requests worth storing.
      http: {
        enabled: true,
        ignoreIncomingRequestHook: (req: IncomingMessage) => (req.url ?? '').split('?')[0] === '/healthz',
      },
      // Blob storage calls are HTTP dependencies already; the rest are libraries the bot does not use.
      azureSdk: DISABLED,
      mongoDb: DISABLED,
      mySql: DISABLED,
      postgreSql: DISABLED,
      redis: DISABLED,
      redis4: DISABLED,
      // restify's bunyan logger is not the bot's log: its lines stay out of Application Insights.
      bunyan: DISABLED,
      winston: DISABLED,
    } as AzureMonitorOpenTelemetryOptions['instrumentationOptions'],
  };
  useAzureMonitor(options);
  // Node's fetch (Defender calls) is undici, which the distro does not instrument itself.
  const undici = new UndiciInstrumentation();
  if (!env.APPLICATIONINSIGHTS_INSTRUMENTATION_LOGGING_LEVEL && !env.OTEL_LOG_LEVEL) diagToLog(logger);
  setSignals(meterSignals());
  setOperationIdSource(operationId);
  return {
    shutdown: async () => {
      setSignals(undefined);
      undici.disable();
      await shutdownAzureMonitor();
    },
  };
}

/** The trace id of the active span: Application Insights' operation id. */
function operationId(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

/** Whether the operator asked for the Azure VM detector (OTEL_NODE_RESOURCE_DETECTORS=azure_vm or all). */
function vmProbeAsked(env: NodeJS.ProcessEnv): boolean {
  const asked = (env.OTEL_NODE_RESOURCE_DETECTORS ?? '').split(',').map((d) => d.trim());
  return asked.includes('azure_vm') || asked.includes('all');
}

/**
 * The distro (1.18) always runs the Azure VM detector, which asks 169.254.169.254; the bot runs on
 * App Service or Container Apps (detected from their environment), so that detector answers nothing here.
 */
function withoutVmProbe(): void {
  const fromDistro = createRequire(require.resolve('@azure/monitor-opentelemetry'));
  const detectors = fromDistro('@opentelemetry/resource-detector-azure') as { azureVmDetector: object };
  Object.assign(detectors.azureVmDetector, { detect: () => ({ attributes: {} }) });
}

/** The distro's warnings and errors go to the bot's JSON log instead of plain console lines. */
function diagToLog(logger: Logger): void {
  const log = logger.child({ component: 'telemetry' });
  const line =
    (level: 'warn' | 'error') =>
    (message: string): void =>
      log[level]('telemetry.diag', { message: message.slice(0, 300) });
  const ignore = (): void => undefined;
  diag.setLogger(
    { error: line('error'), warn: line('warn'), info: ignore, debug: ignore, verbose: ignore },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  );
}
