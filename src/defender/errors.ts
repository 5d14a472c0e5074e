/** Maps Defender's HTTP failures to the error catalogue. */
import { AppError } from '../errors';
import { parseErrorBody } from './parse';

/** The delegated permission a user needs for the software endpoints. */
export const SOFTWARE_PERMISSION = 'Software.Read';

/** Builds the AppError for a non-success Defender answer (429 and 5xx included, after retries). */
export function errorForStatus(
  status: number,
  body: string,
  softwareId: string | undefined,
  retryAfterSeconds?: number,
): AppError {
  const upstream = parseErrorBody(body);
  const details = {
    status,
    softwareId,
    upstreamCode: upstream?.code,
    correlationId: safeCorrelationId(upstream?.target),
  };
  const where = `Defender answered ${status}${upstream?.code ? ` ${upstream.code}` : ''}`;
  if (status === 401) return new AppError('unauthorized', where, { ...details, permission: SOFTWARE_PERMISSION });
  if (status === 403) return new AppError('forbidden', where, { ...details, permission: SOFTWARE_PERMISSION });
  if (status === 404) return new AppError('not-found', where, details);
  if (status === 429) return new AppError('throttled', where, { ...details, retryAfterSeconds });
  if (status === 400) return new AppError('bad-input', where, details);
  return new AppError('upstream-failure', where, details);
}

/** Defender's `target` is a GUID-like id; anything else is not shown (it could carry markdown). */
function safeCorrelationId(target: string | undefined): string | undefined {
  return target && /^[A-Za-z0-9._:-]{1,100}$/.test(target) ? target : undefined;
}
