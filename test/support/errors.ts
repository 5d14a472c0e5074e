/** Shared helpers for tests about AppError and its catalogue of codes. */
import assert from 'node:assert/strict';
import { type AppError, type ErrorCode, isAppError } from '../../src/errors';

/** Every catalogue code; a Record so the compiler says when src/errors.ts gains or loses one. */
const CODES: Record<ErrorCode, true> = {
  'bad-input': true,
  'not-found': true,
  unauthorized: true,
  forbidden: true,
  'blocked-by-policy': true,
  'consent-required': true,
  'admin-consent-required': true,
  'sign-in-required': true,
  'tenant-not-allowed': true,
  throttled: true,
  timeout: true,
  'upstream-failure': true,
  'bad-response': true,
  config: true,
  internal: true,
};

/** Every catalogue code, in catalogue order. */
export const ERROR_CODES: readonly ErrorCode[] = Object.keys(CODES) as ErrorCode[];

/** The AppError a call rejects with (fails the test if it resolves or rejects with something else). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}
