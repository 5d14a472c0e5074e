/** Channel authentication from botbuilder's documented settings, with every token failure answered 401. */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** jsonwebtoken's failures, which botbuilder lets through as they are (CloudAdapter would answer 500). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * ConfigurationBotFrameworkAuthentication, except that a forged signature or a token not valid yet
 * is an AuthenticationError: CloudAdapter answers 401 for those and 500 for anything else.
 */
export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Validates the channel's token on an incoming activity. */
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }

  /** Validates the channel's token on a streaming connection. */
  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asAuthenticationError(err);
    }
  }
}

function asAuthenticationError(err: unknown): unknown {
  if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
    return new AuthenticationError(`Unauthorized: ${err.message}`, 401);
  }
  return err;
}
