/** Starts the real application (restify server on loopback) for end-to-end tests. */
import { randomUUID } from 'node:crypto';
import { createApp, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { FakeConnector } from './fakeConnector';
import { fixture } from './fixtures';
import { postActivity } from './http';
import { removeDataDir, tempDataDir } from './tempDir';

/** A running bot, its fake Bot Connector and the log lines it wrote. */
export type RunningBot = Awaited<ReturnType<typeof startBot>>;

/** The app started in this process on loopback (debug logs, a data folder of its own unless `env` names the storage). */
export async function launchApp(
  env: Record<string, string>,
  overrides: AppOverrides,
): Promise<{ url: string; logs: string[]; stop(): Promise<void> }> {
  const dataDir = env.DATA_DIR || env.STORAGE ? undefined : tempDataDir();
  const fullEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...env,
  };
  const config = loadConfig(fullEnv);
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, (line) => logs.push(line));
  const app = createApp(config, fullEnv, logger, { backoffBaseMs: 5, ...overrides });
  const port = await app.start();
  const stop = async (): Promise<void> => {
    await app.stop();
    removeDataDir(dataDir);
  };
  return { url: `http://127.0.0.1:${port}`, logs, stop };
}

/** Starts the bot with the given environment (demo mode unless it says otherwise); `post` gives the HTTP status. */
export async function startBot(env: Record<string, string> = {}, overrides: AppOverrides = {}) {
  const app = await launchApp(env, overrides);
  const connector = await FakeConnector.start().catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  return {
    url: app.url,
    connector,
    logs: app.logs,
    post: async (activity: object) => (await postActivity(app.url, activity)).status,
    stop: async () => {
      await app.stop();
      await connector.close();
    },
  };
}

/** A documented Teams activity fixture, with a fresh id, this text and the fake connector's serviceUrl. */
export function teamsActivity(name: string, serviceUrl: string, text?: string): Record<string, any> {
  const activity = fixture(`teams/${name}.json`);
  activity.serviceUrl = serviceUrl;
  activity.id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  if (activity.conversation.conversationType === 'channel' && activity.type === 'message') {
    activity.conversation.id = `${activity.conversation.id.split(';')[0]};messageid=${activity.id}`;
  }
  if (name.startsWith('installation') || name.startsWith('conversation')) {
    activity.conversation.id = `${activity.conversation.id.split('@')[0]}-${randomUUID()}@thread.tacv2`;
  }
  if (text !== undefined) {
    const mention = (activity.entities ?? []).find((e: { type: string }) => e.type === 'mention');
    activity.text = mention ? `${mention.text} ${text}` : text;
  }
  return activity;
}

/** The Adaptive Card (or other `contentType`) content of a sent message, or undefined. */
export function cardOf(
  activity: Record<string, any>,
  contentType = 'application/vnd.microsoft.card.adaptive',
): Record<string, any> | undefined {
  return (activity.attachments ?? []).find((a: { contentType: string }) => a.contentType === contentType)?.content;
}

/** All text a card shows, joined, for simple assertions. */
export { allText as cardText } from './cards';
