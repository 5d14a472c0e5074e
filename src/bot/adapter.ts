/** The Bot Framework adapter: channel authentication from the environment, and the last-resort error turn. */
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { buildErrorCard } from '../cards/errorCard';
import { toAppError } from '../errors';
import { errorFields, type Logger } from '../log';

/**
 * Builds a CloudAdapter from botbuilder's documented settings (MicrosoftAppId, MicrosoftAppType,
 * ToBotFromChannelOpenIdMetadataUrl, ...). With no MicrosoftAppId, channel authentication is off,
 * as the Agents Playground and other local tools expect.
 */
export function createAdapter(env: NodeJS.ProcessEnv, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(env);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    logger.error('bot.turn_error', {
      activityType: context.activity.type,
      conversationType: context.activity.conversation?.conversationType,
      ...errorFields(err, true),
    });
    try {
      const card = buildErrorCard(toAppError(err));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } catch (sendErr) {
      logger.error('bot.error_reply_failed', errorFields(sendErr));
    }
  };
  return adapter;
}
