/**
 * The software with the most exposed devices: `$orderby` when Defender takes it (it is not documented
 * for `GET /api/Software`), else sorted here. A Defender that takes `$orderby` without sorting is
 * caught by checking the order of what came back.
 */
import type { RequestContext } from '../commands/types';
import type { Software, SoftwareList } from '../defender/types';
import type { Logger } from '../log';
import { byExposure } from './resolve';
import { isRefusedQuery, type SoftwareSource } from './source';

/** Software read to sort here when Defender refuses `$orderby`. */
export const TOP_FALLBACK_LIST_SIZE = 10_000;

/** At least this many are asked for with `$orderby`: an unsorted list this long does not look sorted by chance. */
export const ORDER_CHECK_SIZE = 25;

/** The top of the inventory, and whether the bot sorted a bounded list itself (then `read` says how many). */
export interface TopSoftware {
  readonly items: readonly Software[];
  readonly sortedHere?: { readonly read: number };
}

/** The `count` most exposed software. */
export async function topSoftware(
  source: SoftwareSource,
  count: number,
  request: RequestContext,
  logger: Logger,
): Promise<TopSoftware> {
  const asked = Math.max(count, ORDER_CHECK_SIZE);
  try {
    const list = await source({ orderby: 'exposedMachines desc', top: asked }, request);
    // Sorted again: a tie needs a stable order.
    if (showsOrder(list, asked)) return { items: byExposure(list.items).slice(0, count) };
    logger.info('browse.orderby_ignored', { read: list.items.length });
  } catch (err) {
    if (!isRefusedQuery(err)) throw err;
    logger.info('browse.filter_refused', { option: 'orderby' });
  }
  const list = await source({ top: TOP_FALLBACK_LIST_SIZE }, request);
  return { items: byExposure(list.items).slice(0, count), sortedHere: { read: list.items.length } };
}

/**
 * Whether a list asked for with `$orderby=exposedMachines desc` shows that order: no item above the
 * one before it, and either the whole inventory (fewer than asked) or not all equal (equal counts
 * prove nothing: Defender's own order would look the same).
 */
function showsOrder(list: SoftwareList, asked: number): boolean {
  const { items } = list;
  const sorted = items.every((s, i) => i === 0 || s.exposedMachines <= items[i - 1].exposedMachines);
  const complete = list.complete && items.length < asked;
  return sorted && (complete || items[0].exposedMachines !== items[items.length - 1].exposedMachines);
}
