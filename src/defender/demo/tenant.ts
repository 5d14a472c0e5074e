/**
 * The built-in demo Defender tenant, served in-process as a `fetch` implementation. It answers the
 * documented contract (OData envelope, error bodies, 401 without a bearer token, 404 for unknown
 * ids), so the real DefenderClient and its parsing run unchanged in demo mode.
 */
import { randomUUID } from 'node:crypto';
import type { FetchLike } from '../types';
import { DEMO_FAULTS, DEMO_SOFTWARE } from './data';
import { DEMO_INVENTORY } from './inventory';
import { applyQuery, QueryError } from './query';

/** The base URL the demo tenant answers on; `.invalid` can never resolve to a real host. */
export const DEMO_BASE_URL = 'https://demo-tenant.defender.invalid';

const ROUTE = /^\/api\/software\/([^/]+)\/getmissingkbs$/i;
const LIST = /^\/api\/software\/?$/i;

/** A fetch that serves the demo tenant and refuses every other origin. */
export function createDemoDefenderFetch(): FetchLike {
  return (input, init) => new Promise((resolve) => resolve(answer(input, init)));
}

function answer(input: string, init: RequestInit): Response {
  const url = new URL(input);
  if (url.origin !== DEMO_BASE_URL) throw new TypeError(`demo tenant: no route to ${url.origin}`);
  if ((init.method ?? 'GET').toUpperCase() !== 'GET') return error(405, 'MethodNotAllowed', 'Only GET is supported');
  const auth = new Headers(init.headers).get('authorization') ?? '';
  if (!/^Bearer \S+$/.test(auth)) return error(401, 'Unauthorized', 'Authorization header is missing or invalid');
  if (LIST.test(url.pathname)) return softwareList(url.searchParams);
  const match = ROUTE.exec(url.pathname);
  if (!match) return error(404, 'ResourceNotFound', 'Resource not found');
  const id = decodeURIComponent(match[1]).toLowerCase();
  const fault = DEMO_FAULTS.get(id);
  if (fault) return error(fault.status, fault.code, `Demo fault for ${id}`, fault.retryAfter);
  // Software without Windows updates (most third-party software) has none missing.
  const kbs = DEMO_SOFTWARE.get(id) ?? (DEMO_INVENTORY.some((s) => s.id === id) ? [] : undefined);
  if (!kbs) return error(404, 'ResourceNotFound', `Software ${id} was not found`);
  return json(200, {
    '@odata.context': `${DEMO_BASE_URL}/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)`,
    value: kbs,
  });
}

/** `GET /api/Software`: the inventory through the documented OData options ($orderby understood too). */
function softwareList(params: URLSearchParams): Response {
  try {
    const value = applyQuery(DEMO_INVENTORY, params, { functions: true, orderby: true, combinations: true });
    return json(200, { '@odata.context': `${DEMO_BASE_URL}/api/$metadata#Software`, value });
  } catch (err) {
    if (err instanceof QueryError) return error(400, 'InvalidInput', err.message);
    throw err;
  }
}

function error(status: number, code: string, message: string, retryAfter?: number): Response {
  const headers = retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) };
  return json(status, { error: { code, message, target: randomUUID() } }, headers);
}

function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
