/** Entra ID's documented error response (OAuth 2.0 error plus `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri` and, for some errors, `suberror`), with AADSTS codes from the "Microsoft Entra authentication and authorization error codes" reference. */
import { randomUUID } from 'node:crypto';

/** A refusal: thrown by the endpoints, rendered by the server. */
export class EntraFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly detail: string,
    readonly suberror?: string,
  ) {
    super(`AADSTS${code}: ${detail}`);
  }
}

/** 400 invalid_request for a missing parameter (AADSTS900144). */
export function missing(parameter: string): EntraFailure {
  return new EntraFailure(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${parameter}'.`,
  );
}

/** 400 invalid_grant, the answer to unusable authentication material. */
export function invalidGrant(code: number, detail: string, suberror?: string): EntraFailure {
  return new EntraFailure(400, 'invalid_grant', code, detail, suberror);
}

/** Entra's timestamp format, e.g. `2016-01-09 02:02:12Z`. */
function timestamp(): string {
  return new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** The JSON body; `correlationId` echoes the client's `client-request-id` as Entra does. */
export function errorBody(
  failure: EntraFailure,
  baseUrl: string,
  correlationId: string = randomUUID(),
): Record<string, unknown> {
  const traceId = randomUUID();
  const time = timestamp();
  return {
    error: failure.error,
    error_description: `${failure.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${time}`,
    error_codes: [failure.code],
    timestamp: time,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${baseUrl}/error?code=${failure.code}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
  };
}
