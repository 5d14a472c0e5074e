/** Entry point: read the configuration, start telemetry, build the app, listen, and stop cleanly on a signal. */
import type { App } from './app';
import { ConfigError, loadConfig, redactedSummary } from './config';
import { createLogger, errorFields, type Logger } from './log';
import { startTelemetry, type Telemetry } from './telemetry';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee env.sample for every setting.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  logger.info('config.loaded', redactedSummary(config));
  // Telemetry instruments http and fetch as they load: the app (restify, botbuilder) is loaded after it.
  const telemetry = await startTelemetry(config.telemetry, process.env, logger);
  const { createApp } = await import('./app');
  const app = createApp(config, process.env, logger);
  const port = await app.start();
  logger.info('server.listening', { host: config.host, port, endpoint: `http://${config.host}:${port}/api/messages` });
  if (config.mode === 'demo') {
    logger.info('demo.ready', { hint: 'run `npm run playground` in another terminal to chat with the bot' });
  }
  stopOnSignals(app, telemetry, config.shutdownGraceSeconds * 1000, logger);
  process.on('unhandledRejection', (reason) => logger.error('process.unhandled_rejection', errorFields(reason, true)));
}

/**
 * SIGTERM or SIGINT: stop accepting at once, let replies in flight finish within `graceMs`, close, exit 0.
 * A second signal exits at once. A stop that overruns its grace by 5 s is cut short (exit 1).
 */
function stopOnSignals(app: App, telemetry: Telemetry, graceMs: number, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('server.stop_forced', { signal });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    logger.info('server.stopping', { signal, graceSeconds: graceMs / 1000 });
    setTimeout(() => {
      logger.error('server.stop_overran', { graceSeconds: graceMs / 1000 });
      process.exit(1);
    }, graceMs + 5000).unref();
    app.stop(graceMs).then(
      async () => {
        await telemetry.shutdown();
        logger.info('server.stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('server.stop_failed', errorFields(err, true));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
