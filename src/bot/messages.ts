/** Connects the HTTP endpoint to the adapter and the bot, keeping botbuilder types in this folder. */
import type { CloudAdapter, Request, Response } from 'botbuilder';
import type { MissingKbsBot } from './bot';

/** The handler for POST /api/messages: authenticates, then runs the bot for one activity. */
export function messagesHandler(adapter: CloudAdapter, bot: MissingKbsBot) {
  return (req: Request, res: Response): Promise<void> => adapter.process(req, res, (context) => bot.run(context));
}
