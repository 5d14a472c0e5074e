/**
 * Parsing of what a user wrote to the bot (after the @mention is removed): `/missingkbs <id>`,
 * `missingkbs <id>`, `help`. Tolerates letter case, extra and non-breaking spaces, HTML entities
 * and trailing punctuation that Teams' rich text adds.
 */
import { checkSoftwareId } from './softwareId';

/** What the user asked for. */
export type Command =
  | { kind: 'missingkbs'; softwareId: string }
  | { kind: 'invalid-id'; input: string; reason: string }
  | { kind: 'help'; unknown?: string };

const COMMAND = /^\/?missing-?kbs?\b\s*(.*)$/is;
const HELP = /^\/?(help|aide|\?)$/i;
const TRAILING_PUNCTUATION = /[\s.,;:!?'"»)\]}]+$/u;
const LEADING_PUNCTUATION = /^[\s'"«([{]+/u;

/** Normalises whitespace Teams may send: NBSP and friends, zero-width characters, `&nbsp;`. */
export function normaliseText(text: string): string {
  return text
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses a message's text into a Command; never throws. */
export function parseCommand(text: string | undefined): Command {
  const clean = normaliseText(text ?? '');
  if (clean === '' || HELP.test(clean)) return { kind: 'help' };
  const match = COMMAND.exec(clean);
  if (!match) return { kind: 'help', unknown: clean.slice(0, 100) };
  const argument = match[1].replace(TRAILING_PUNCTUATION, '').replace(LEADING_PUNCTUATION, '');
  if (argument === '' || HELP.test(argument)) return { kind: 'help' };
  const check = checkSoftwareId(argument);
  if (!check.ok) return { kind: 'invalid-id', input: argument.slice(0, 100), reason: check.reason };
  return { kind: 'missingkbs', softwareId: check.id };
}
