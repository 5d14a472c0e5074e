import { safeString } from './log';

/**
 * The one error catalogue. Every failure the user can meet is an AppError with one of these codes;
 * handlers turn the code into a friendly card, and nothing else (no stack, no raw upstream text)
 * reaches the chat.
 */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'blocked-by-policy'
  | 'consent-required'
  | 'admin-consent-required'
  | 'sign-in-required'
  | 'tenant-not-allowed'
  | 'throttled'
  | 'timeout'
  | 'upstream-failure'
  | 'bad-response'
  | 'config'
  | 'internal';

/** Facts about a failure that a card or a log line may show; never secrets. */
export interface ErrorDetails {
  /** HTTP status the upstream answered with, when there was one. */
  status?: number;
  /** The upstream's own error code: Defender's `error.code` (e.g. "Forbidden") or Entra ID's AADSTS number. */
  upstreamCode?: string;
  /** The correlation id Microsoft support asks for (Defender's `error.target`, or Entra ID's). */
  correlationId?: string;
  /** Seconds the user should wait before trying again (throttling). */
  retryAfterSeconds?: number;
  /** The software id the request was about. */
  softwareId?: string;
  /** The permission the caller lacks or needs. */
  permission?: string;
  /** The organisation (Entra tenant id) a failure is about, e.g. where admin consent is missing. */
  tenantId?: string;
}

/** The application's single error type: a catalogue code, a log message, details and a cause. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether a value is an AppError (also across realms and bundles). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  const message = value instanceof Error ? value.message : safeString(value);
  return new AppError('internal', message, {}, { cause: value });
}
