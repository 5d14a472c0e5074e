/**
 * The framework's floor: a bare botbuilder echo bot on the same restify server and the same adapter
 * set-up as ours (src/server/server.ts, src/bot/adapter.ts). It replies inside the turn, or, with
 * `later`, as ours does: the turn ends at once and the reply goes out in a turn of its own
 * (continueConversationAsync), the floor of a bot that may take longer than Teams waits.
 */
import { ActivityHandler, type CloudAdapter, TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { silentLogger } from '../../src/log';
import { LOOPBACK_HOSTS } from '../../src/config/loopback';
import { close, createServer, listen } from '../../src/server/server';

/** Starts the echo bot on loopback; resolves with its port and how to stop it. */
export async function startEchoBot(later = false): Promise<FloorBot> {
  const adapter = createAdapter({}, silentLogger);
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const text = `Echo: ${context.activity.text}`;
    if (!later) await context.sendActivity(text);
    else {
      const reference = TurnContext.getConversationReference(context.activity);
      void adapter.continueConversationAsync('', reference, async (turn) => {
        turn.activity.id = reference.activityId;
        await turn.sendActivity(text);
      });
    }
    await next();
  });
  return serveOnLoopback(adapter, bot);
}

/** A running floor bot: its port and how to stop it. */
export interface FloorBot {
  readonly port: number;
  stop(): Promise<void>;
}

/** Serves a floor bot on our restify server on loopback, as ours is served. */
export async function serveOnLoopback(adapter: CloudAdapter, bot: ActivityHandler): Promise<FloorBot> {
  const server = createServer({
    messages: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    health: () => ({ status: 'ok' }),
    logger: silentLogger,
    allowedHosts: LOOPBACK_HOSTS,
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { port, stop: () => close(server) };
}
