/** The Bot Framework adapter: channel authentication from the environment, and the last-resort error turn. */
import { cardMessage } from './cardMessage';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { buildErrorCard } from '../cards/errorCard';
import { ChannelAuthentication } from './channelAuth';
import { pacedSends } from './pacing';
import type { SendPacer } from '../pacing/teams';
import { replyDeadline } from './replyTimeout';
import { toAppError } from '../errors';
import { localeOf } from '../i18n';
import { errorFields, type Logger } from '../log';

/**
 * Builds a CloudAdapter from botbuilder's documented settings (MicrosoftAppId, MicrosoftAppType,
 * ToBotFromChannelOpenIdMetadataUrl, ...). With no MicrosoftAppId, channel authentication is off,
 * as the Agents Playground and other local tools expect. With an app id, the Bot Connector token
 * comes from the project's own MSAL client (`msal`), configured with the known authority.
 * With a `pacer`, every send waits for room under Teams' limits, outside the reply deadline.
 */
export function createAdapter(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  msal?: { readonly appId: string; readonly client: ConfidentialClientApplication },
  replyTimeoutMs?: number,
  pacer?: SendPacer,
): CloudAdapter {
  const credentials = msal ? new MsalServiceClientCredentialsFactory(msal.appId, msal.client) : undefined;
  const auth = new ChannelAuthentication(env, credentials);
  const adapter = new CloudAdapter(auth);
  if (pacer) adapter.use(pacedSends(pacer));
  adapter.use(replyDeadline(replyTimeoutMs));
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    logger.error('bot.turn_error', {
      activityType: context.activity.type,
      conversationType: context.activity.conversation?.conversationType,
      ...errorFields(err, true),
    });
    try {
      const card = buildErrorCard(toAppError(err), localeOf(context.activity.locale));
      await context.sendActivity(cardMessage(card));
    } catch (sendErr) {
      logger.error('bot.error_reply_failed', errorFields(sendErr));
    }
  };
  return adapter;
}
