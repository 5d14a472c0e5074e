/** The missing-KBs card as the bot sends it: one page of the list, with Previous/Next and Refresh. */
import type { MissingKbsResult } from '../../defender/types';
import type { Locale } from '../../i18n';
import { buildMissingKbsCard, CARD_BYTE_BUDGET, MAX_KBS_SHOWN } from '../missingKbsCard';
import type { AdaptiveCard } from '../template';
import { withKbsActions } from './cardActions';

/** Room kept in the size budget for the buttons and notes added to the card. */
const BUTTONS_BYTES = 2048;

/** Page `page` (1-based; past the end means the last page: the list may have shrunk since) of a result. */
export function buildPagedMissingKbsCard(result: MissingKbsResult, page: number, locale: Locale): AdaptiveCard {
  const total = result.kbs.length;
  const pages = Math.max(1, Math.ceil(total / MAX_KBS_SHOWN));
  const at = Math.min(Math.max(1, page), pages);
  const kbsCard = buildMissingKbsCard(result, locale, CARD_BYTE_BUDGET - BUTTONS_BYTES, pages > 1 ? { page: at } : {});
  const position = { softwareId: result.softwareId, page: at, pages, pageSize: MAX_KBS_SHOWN, total };
  return withKbsActions(kbsCard, position, locale);
}
