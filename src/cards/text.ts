/** Making text from Defender safe and short for a card. */
import type { MissingKb } from '../defender/types';

/** Hosts a KB link may point to; anything else is replaced by a catalog search we build. */
const CATALOG_HOSTS = new Set(['catalog.update.microsoft.com', 'www.catalog.update.microsoft.com']);

/**
 * Text for a TextRun: control characters removed, whitespace folded, cut to `max` characters.
 * Cards show Defender's text only in TextRuns, which Adaptive Cards never read as markdown, so
 * a name cannot add links or mentions.
 */
export function plainText(value: string, max: number): string {
  const clean = value
    .replace(/\p{C}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean;
  // Never cut between the two halves of a surrogate pair (emoji and other astral characters).
  const cut = clean.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut}…`;
}

/** The Update Catalog link of a KB: Defender's when it points to the catalog over https, else ours. */
export function catalogUrl(kb: Pick<MissingKb, 'id' | 'url'>): string {
  if (kb.url) {
    try {
      const url = new URL(kb.url);
      if (url.protocol === 'https:' && CATALOG_HOSTS.has(url.hostname.toLowerCase())) return url.toString();
    } catch {
      // fall through to the link we build
    }
  }
  return `https://www.catalog.update.microsoft.com/Search.aspx?q=${encodeURIComponent(`KB${kb.id}`)}`;
}

/** An identifier-like value (error code, correlation id) reduced to `[A-Za-z0-9._:-]`, so it can carry no markdown. */
export function codeText(value: string, max: number): string {
  return value.replace(/[^A-Za-z0-9._:-]/g, '').slice(0, max) || '(unreadable)';
}
