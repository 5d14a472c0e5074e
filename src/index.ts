/** Entry point: read the configuration, build the app, listen, and stop cleanly on a signal. */
import { createApp } from './app';
import { ConfigError, loadConfig, redactedSummary } from './config';
import { createLogger, errorFields } from './log';

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
  const app = createApp(config, process.env, logger);
  const port = await app.start();
  logger.info('server.listening', { host: config.host, port, endpoint: `http://${config.host}:${port}/api/messages` });
  if (config.mode === 'demo') {
    logger.info('demo.ready', { hint: 'run `npm run playground` in another terminal to chat with the bot' });
  }
  const shutdown = (signal: string): void => {
    logger.info('server.stopping', { signal });
    const force = setTimeout(() => process.exit(0), 10000);
    force.unref();
    void app.stop(8000).then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => logger.error('process.unhandled_rejection', errorFields(reason, true)));
}

main().catch((err: unknown) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
