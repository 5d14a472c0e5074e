/** Turns MSAL and Entra ID failures into the application's error catalogue. */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../errors';
import { safeString } from '../log';

/** AADSTS codes meaning the user's assertion can no longer be used: a fresh SSO token is needed. */
const STALE_ASSERTION = ['50013', '500133', '50173', '700082', '70043', '50132'];
/** AADSTS codes meaning the user (or an admin) must consent or sign in interactively. */
const CONSENT = ['65001', '65004', '65005', '50076', '50079', '50158'];
/**
 * AADSTS codes meaning Conditional Access blocks the user (policy, device not managed or compliant,
 * unapproved app): no consent or sign-in cures it, only the user's device or an administrator.
 */
const BLOCKED = ['53000', '53001', '53002', '53003'];
/**
 * AADSTS codes of an app-only request to another organisation meaning its admin has not consented to
 * the app there: app not found in the directory, no service principal, consent missing, resource not there.
 */
const NO_ADMIN_CONSENT = ['700016', '7000229', '65001', '500011'];
/** AADSTS codes meaning the bot's own registration or credential is wrong. */
const CONFIG = ['7000215', '7000222', '700027', '700016', '90002', '700024', '7000112', '50049', '90014', '70011'];

/** The AADSTS number in an Entra ID error message, if any. */
export function aadstsCode(message: string): string | undefined {
  return /\bAADSTS(\d{4,8})\b/.exec(message)?.[1];
}

/**
 * Maps an error from MSAL to an AppError; `what` names the attempt for logs. `appTenantId`: the
 * organisation an app-only token was asked of, where missing consent is the admin's to grant.
 */
export function toAuthAppError(err: unknown, what: string, appTenantId?: string): AppError {
  if (err instanceof AppError) return err;
  const auth = err instanceof AuthError ? err : undefined;
  const text = auth ? `${auth.errorCode} ${auth.errorMessage} ${auth.subError}` : safeString(err);
  const code = aadstsCode(text);
  const details = {
    upstreamCode: code ? `AADSTS${code}` : auth?.errorCode,
    correlationId: auth?.correlationId || undefined,
  };
  const options = { cause: err };
  if (appTenantId && code && NO_ADMIN_CONSENT.includes(code)) {
    const message = `${what}: no admin consent for the app in tenant ${appTenantId}`;
    return new AppError('admin-consent-required', message, { ...details, tenantId: appTenantId }, options);
  }
  if (code && STALE_ASSERTION.includes(code)) {
    return new AppError('sign-in-required', `${what}: the user's assertion is expired or revoked`, details, options);
  }
  if (code && BLOCKED.includes(code)) {
    return new AppError('blocked-by-policy', `${what}: Conditional Access blocks the user`, details, options);
  }
  if ((code && CONSENT.includes(code)) || err instanceof InteractionRequiredAuthError) {
    return new AppError('consent-required', `${what}: consent or interactive sign-in required`, details, options);
  }
  if ((code && CONFIG.includes(code)) || auth?.errorCode === 'invalid_client') {
    return new AppError('config', `${what}: Entra ID rejected the bot's registration or credential`, details, options);
  }
  return new AppError('upstream-failure', `${what}: Entra ID could not issue a token`, details, options);
}
