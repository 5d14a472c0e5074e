/** Connects the HTTP endpoint to the adapter and the bot, keeping botbuilder types in this folder. */
import type { CloudAdapter, Request, Response } from 'botbuilder';
import type { MissingKbsBot } from './bot';

/** The handler for POST /api/messages: authenticates, then runs the bot for one activity. */
export function messagesHandler(adapter: CloudAdapter, bot: MissingKbsBot) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!isActivityShaped(req.body)) {
      // Answer malformed posts plainly instead of letting the SDK fail deep inside a turn.
      res.status(400);
      res.send({ error: 'the body must be a Bot Framework activity (JSON object with a "type")' });
      res.end();
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  };
}

function isActivityShaped(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string';
}
