/**
 * Which token a Defender call uses: for a command, the user's delegated token (production) or the
 * development token (demo); for alerts, the app-only token each tenant issues.
 */
import type { Config } from '../config';
import type { DefenderClient } from '../defender/client';
import type { TokenProvider } from '../defender/types';
import { AppError, isAppError } from '../errors';
import type { RequestContext } from '../commands/types';
import type { SignInStack } from './index';

/** Runs one Defender call with the client a request may use. */
export type DefenderCall = <T>(request: RequestContext, call: (client: DefenderClient) => Promise<T>) => Promise<T>;

/**
 * Where commands get Defender's data. Demo: one development token for everybody (or a placeholder the
 * demo tenant accepts). Production: the user's own delegated token; a token Defender refuses is forgotten.
 */
export function defenderCalls<P>(
  config: Config,
  defenderFor: (getToken: TokenProvider, tenantId: string | undefined) => DefenderClient,
  stack: SignInStack<P> | undefined,
): DefenderCall {
  if (!stack) {
    const token = config.defender.devToken ?? 'demo';
    return (request, call) => call(defenderFor(() => Promise.resolve(token), request.tenantId));
  }
  return async (request, call) => {
    if (!request.token) throw new AppError('sign-in-required', 'no delegated token for this request');
    try {
      return await call(defenderFor(request.token, request.tenantId));
    } catch (err) {
      if (isAppError(err) && err.code === 'unauthorized' && request.tenantId && request.userId) {
        stack.signIn.forget({ tenantId: request.tenantId, userId: request.userId });
      }
      throw err;
    }
  };
}

/** The app-only token of a tenant for alerts: client credentials issued by that tenant in production, the demo token otherwise. */
export function appOnlyTokens<P>(
  config: Config,
  stack: SignInStack<P> | undefined,
): (tenantId: string) => TokenProvider {
  const auth = config.auth;
  if (!stack || !auth) return () => () => Promise.resolve(config.defender.devToken ?? 'demo');
  return (tenantId) => async () => (await stack.tokens.acquireForApp([auth.defenderAppScope], tenantId)).token;
}
