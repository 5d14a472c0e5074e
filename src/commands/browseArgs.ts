/** The arguments of /missingkbs that are neither a keyword nor a plain id: `<id> page <n>`, and software names. */
import { checkSoftwareId } from './softwareId';

/** Most software `/missingkbs top` lists. */
export const MAX_TOP_COUNT = 25;
/** What `/missingkbs top` lists without a number. */
export const DEFAULT_TOP_COUNT = 10;
/** Longest name looked up; no software name in Defender is longer. */
export const MAX_NAME_LENGTH = 100;
/** Highest page a command or a button may ask for. */
export const MAX_PAGE = 100;

/** What such an argument asks for. */
export type BrowseArgument = { kind: 'missingkbs'; softwareId: string; page: number } | { kind: 'find'; query: string };

const PAGED = /^(\S+)\s+page\s+(\d{1,6})$/i;
/** A name as people write software: letters, digits, spaces and the punctuation of product names. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._+&'(),#-]*$/u;

/**
 * Reads `<id> page <n>` or a software name; undefined for anything else (which is then an id or an
 * invalid id). Arguments containing `-_-` are ids, never names. Keywords are read before (keywords.ts).
 */
export function parseBrowseArgument(argument: string): BrowseArgument | undefined {
  const paged = PAGED.exec(argument);
  if (paged) {
    const check = checkSoftwareId(paged[1]);
    const page = Number(paged[2]);
    if (check.ok && page >= 1) return { kind: 'missingkbs', softwareId: check.id, page: Math.min(page, MAX_PAGE) };
  }
  if (argument.includes('-_-') || argument.length > MAX_NAME_LENGTH || !NAME.test(argument)) return undefined;
  return { kind: 'find', query: argument };
}
