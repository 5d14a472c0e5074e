/** Connects the HTTP endpoint to the adapter and the bot, keeping botbuilder types in this folder. */
import type { CloudAdapter, Request, Response } from 'botbuilder';
import type { MissingKbsBot } from './bot';

/** The handler for POST /api/messages: authenticates, then runs the bot for one activity. */
export function messagesHandler(adapter: CloudAdapter, bot: MissingKbsBot) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!isActivityShaped(req.body)) {
      // Answer malformed posts plainly instead of letting the SDK fail deep inside a turn.
      res.status(400);
      res.send({
        error: 'the body must be a Bot Framework activity (type, serviceUrl, conversation.id, recipient.id)',
      });
      res.end();
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  };
}

/** The fields every activity from a channel carries and the SDK relies on. */
function isActivityShaped(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const a = body as {
    type?: unknown;
    serviceUrl?: unknown;
    conversation?: { id?: unknown };
    recipient?: { id?: unknown };
  };
  return (
    typeof a.type === 'string' &&
    typeof a.serviceUrl === 'string' &&
    typeof a.conversation?.id === 'string' &&
    typeof a.recipient?.id === 'string'
  );
}
