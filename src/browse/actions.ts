/**
 * What a card button (Action.Execute) carries, and its validation: buttons come back from the
 * client, so their data is untrusted input, checked like a typed command before any use.
 */
import { MAX_PAGE, MAX_TOP_COUNT } from '../commands/browseArgs';
import type { DefenderCommand } from '../commands/parse';
import { checkSoftwareId, commandFor } from '../commands/softwareId';

/** Version of the data layout; buttons of an older layout are "stale". */
export const ACTION_DATA_VERSION = 1;

/** The verbs of the bot's Action.Execute buttons. */
export type ActionVerb = 'refresh' | 'page';

/** What a button asks to show again: a page of a software's missing KBs, or the top list. */
export type CardAction =
  | { readonly kind: 'missingkbs'; readonly softwareId: string; readonly page: number }
  | { readonly kind: 'top'; readonly count: number };

/** The outcome of reading a button's data. */
export type ActionCheck =
  { readonly ok: true; readonly action: CardAction } | { readonly ok: false; readonly reason: 'stale' | 'tampered' };

const KEYS: Record<CardAction['kind'], readonly string[]> = {
  missingkbs: ['v', 'kind', 'softwareId', 'page'],
  top: ['v', 'kind', 'count'],
};

/** The data of a button for `action`. */
export function actionData(action: CardAction): Record<string, unknown> {
  return { v: ACTION_DATA_VERSION, ...action };
}

/** The command a button runs, as the user would type it (the Action.Submit fallback sends this). */
export function actionCommand(action: CardAction): string {
  if (action.kind === 'top') return commandFor('top', String(action.count));
  return action.page > 1 ? commandFor(action.softwareId, 'page', String(action.page)) : commandFor(action.softwareId);
}

/** The command an action runs. */
export function commandOf(action: CardAction): DefenderCommand {
  return action.kind === 'top'
    ? { kind: 'top', count: action.count }
    : { kind: 'missingkbs', softwareId: action.softwareId, page: action.page };
}

/** Checks a button's verb and data: the layout, every field, the software id and the bounds. */
export function readAction(verb: unknown, data: unknown): ActionCheck {
  if (verb !== 'refresh' && verb !== 'page') return { ok: false, reason: 'tampered' };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'tampered' };
  const fields = data as Record<string, unknown>;
  if (fields.v !== ACTION_DATA_VERSION) return { ok: false, reason: 'stale' };
  const kind = fields.kind;
  if (kind !== 'missingkbs' && kind !== 'top') return { ok: false, reason: 'tampered' };
  if (Object.keys(fields).some((key) => !KEYS[kind].includes(key))) return { ok: false, reason: 'tampered' };
  if (kind === 'top') {
    const count = fields.count;
    return isIn(count, 1, MAX_TOP_COUNT) ? { ok: true, action: { kind, count } } : { ok: false, reason: 'tampered' };
  }
  const id = typeof fields.softwareId === 'string' ? checkSoftwareId(fields.softwareId) : undefined;
  if (!id?.ok || id.id !== fields.softwareId || !isIn(fields.page, 1, MAX_PAGE)) {
    return { ok: false, reason: 'tampered' };
  }
  return { ok: true, action: { kind, softwareId: id.id, page: fields.page } };
}

function isIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
