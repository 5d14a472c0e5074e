/** The software with the most exposed devices: `$orderby` when Defender takes it, else sorted here. */
import type { RequestContext } from '../commands/handler';
import type { Software } from '../defender/types';
import type { Logger } from '../log';
import { byExposure } from './resolve';
import { isRefusedQuery, type SoftwareSource } from './source';

/** Software read to sort here when Defender refuses `$orderby`. */
export const TOP_FALLBACK_LIST_SIZE = 10_000;

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
  try {
    const list = await source({ orderby: 'exposedMachines desc', top: count }, request);
    // Sorted again: nothing promises Defender's order, and a tie needs a stable order anyway.
    return { items: byExposure(list.items).slice(0, count) };
  } catch (err) {
    if (!isRefusedQuery(err)) throw err;
    logger.info('browse.filter_refused', { option: 'orderby' });
  }
  const list = await source({ top: TOP_FALLBACK_LIST_SIZE }, request);
  return { items: byExposure(list.items).slice(0, count), sortedHere: { read: list.items.length } };
}
