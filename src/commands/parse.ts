/**
 * Parsing of what a user wrote to the bot (after the @mention is removed): `/missingkbs <id>`,
 * `missingkbs <id>`, `help`. Tolerates letter case, extra and non-breaking spaces, HTML entities
 * and trailing punctuation that Teams' rich text adds.
 */
import { parseBrowseArgument } from './browseArgs';
import { checkSoftwareId } from './softwareId';

/** What the user asked for. */
export type Command =
  | { kind: 'missingkbs'; softwareId: string; page?: number }
  | { kind: 'find'; query: string }
  | { kind: 'top'; count: number }
  | { kind: 'invalid-id'; input: string; reason: string }
  | { kind: 'help'; unknown?: string };

/** Commands that read Defender (on the user's behalf in production). */
export type DefenderCommand = Extract<Command, { kind: 'missingkbs' | 'find' | 'top' }>;

/** Whether a command reads Defender, so needs a token and runs in the background. */
export function readsDefender(command: Command): command is DefenderCommand {
  return command.kind === 'missingkbs' || command.kind === 'find' || command.kind === 'top';
}

const COMMAND = /^\/?missing-?kbs?\b\s*(.*)$/is;
const HELP = /^\/?(help|aide|\?)$/i;
/** Wrapping and trailing characters that rich text, smart punctuation or habit add around an id. */
const QUOTES = '\'"`«»“”‘’„‚';
const TRAILING = new Set([...' .,;:!?)]}', ...QUOTES]);
const LEADING = new Set([...' ([{', ...QUOTES]);
/** Longer messages are cut before parsing: no command is this long, and regexes stay cheap. */
const MAX_TEXT = 2000;

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
  const clean = normaliseText(text ?? '').slice(0, MAX_TEXT);
  if (clean === '' || HELP.test(clean) || HELP.test(trim(clean))) return { kind: 'help' };
  const match = COMMAND.exec(clean);
  if (!match) return { kind: 'help', unknown: clean.slice(0, 100) };
  const argument = trim(match[1]);
  if (argument === '' || HELP.test(argument)) return { kind: 'help' };
  const browse = parseBrowseArgument(argument);
  if (browse) return browse;
  const check = checkSoftwareId(argument);
  if (!check.ok) return { kind: 'invalid-id', input: argument.slice(0, 100), reason: check.reason };
  return { kind: 'missingkbs', softwareId: check.id };
}

/** Strips wrapping punctuation from both ends, in linear time. */
function trim(value: string): string {
  let start = 0;
  let end = value.length;
  while (end > start && TRAILING.has(value[end - 1])) end--;
  while (start < end && LEADING.has(value[start])) start++;
  return value.slice(start, end);
}
