/** Where the software list comes from: the Defender client with the right token for the request. */
import type { RequestContext } from '../commands/types';
import type { SoftwareQuery } from '../defender/odata';
import type { SoftwareList } from '../defender/types';
import { isAppError } from '../errors';

/** `GET /api/Software` for one request (the asker's delegated token in production). */
export type SoftwareSource = (query: SoftwareQuery, request: RequestContext) => Promise<SoftwareList>;

/** Whether Defender refused the query itself (400): an operator or option it does not support. */
export function isRefusedQuery(err: unknown): boolean {
  return isAppError(err) && err.code === 'bad-input' && err.details.status === 400;
}
