/** Parsing of Defender's OData answers into typed data; tolerant of unknown fields. */
import { AppError } from '../errors';
import type { MissingKb, Software } from './types';

/** Defender's documented error body: `{"error":{"code","message","target"}}`. */
export interface DefenderErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly target?: string;
}

/** One page of an OData collection of any item type. */
export interface CollectionPage<T> {
  readonly items: T[];
  readonly skipped: number;
  readonly nextLink?: string;
}

/** Parses the documented OData envelope, keeping the items `toItem` understands and counting the others. */
export function parseCollection<T>(
  body: string,
  toItem: (item: unknown) => T | undefined,
  softwareId?: string,
): CollectionPage<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new AppError('bad-response', 'Defender answered with a body that is not JSON', { softwareId }, { cause });
  }
  if (!isRecord(json) || !Array.isArray(json.value)) {
    throw new AppError('bad-response', 'Defender answered without an OData "value" array', { softwareId });
  }
  const items: T[] = [];
  let skipped = 0;
  for (const raw of json.value) {
    const item = toItem(raw);
    if (item) items.push(item);
    else skipped++;
  }
  const next = json['@odata.nextLink'];
  return { items, skipped, nextLink: typeof next === 'string' && next ? next : undefined };
}

/** A software entity of `GET /api/Software`; undefined without an id or a name. */
export function toSoftware(item: unknown): Software | undefined {
  if (!isRecord(item)) return undefined;
  const id = scalarText(item.id)?.toLowerCase();
  const name = scalarText(item.name);
  if (!id || !name) return undefined;
  const score = typeof item.impactScore === 'number' && Number.isFinite(item.impactScore) ? item.impactScore : 0;
  return {
    id,
    name,
    vendor: scalarText(item.vendor) ?? '',
    weaknesses: count(item.weaknesses),
    publicExploit: item.publicExploit === true,
    activeAlert: item.activeAlert === true,
    exposedMachines: count(item.exposedMachines),
    impactScore: Math.max(0, score),
  };
}

/** A missing KB item; undefined without an id or a name. */
export function toMissingKb(item: unknown): MissingKb | undefined {
  if (!isRecord(item)) return undefined;
  const id = scalarText(item.id)?.replace(/^kb/i, '');
  const name = scalarText(item.name);
  if (!id || !name) return undefined;
  return {
    id,
    name,
    productsNames: Array.isArray(item.productsNames)
      ? item.productsNames.filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      : [],
    url: typeof item.url === 'string' && item.url ? item.url : undefined,
    machineMissedOn: count(item.machineMissedOn),
    cveAddressed: count(item.cveAddressed),
  };
}

/** Reads Defender's error body if the text is one; undefined otherwise (HTML pages, empty bodies). */
export function parseErrorBody(body: string): DefenderErrorBody | undefined {
  try {
    const json: unknown = JSON.parse(body);
    if (!isRecord(json) || !isRecord(json.error)) return undefined;
    const { code, message, target } = json.error;
    return {
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : undefined,
      target: typeof target === 'string' ? target : undefined,
    };
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function count(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
