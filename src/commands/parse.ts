/**
 * Parsing of what a user wrote to the bot (after the @mention is removed): `/missingkbs <id>`,
 * `missingkbs <id>`, `/missingkbs <keyword> ...` (keywords.ts: top, watch, unwatch, watching, help
 * words of every catalogue), `<id> page <n>`, software names. Tolerates letter case, extra and
 * non-breaking spaces, HTML entities and trailing punctuation that Teams' rich text adds.
 */
import { parseBrowseArgument } from './browseArgs';
import { HELP_PATTERN } from './helpWords';
import {
  idCommand,
  KEYWORDS,
  type DefenderKeyword,
  type HelpCommand,
  type InvalidIdCommand,
  type Keyword,
  type KeywordCommand,
  type KeywordTable,
} from './keywords';

/** The kinds read from an argument that starts with no keyword: a software id (with a page), or a name. */
type FallbackCommand = { kind: 'missingkbs'; softwareId: string; page?: number } | { kind: 'find'; query: string };

/** What a parser with `T`'s keywords gives. */
export type ParsedCommand<T extends KeywordTable> =
  KeywordCommand<T> | FallbackCommand | InvalidIdCommand | HelpCommand;

/** What the user asked for. */
export type Command = ParsedCommand<typeof KEYWORDS>;

/** The fallback kinds that read Defender (both do). */
const DEFENDER_FALLBACKS = ['missingkbs', 'find'] as const;

/**
 * Commands that read Defender (on the user's behalf in production). `watch` does: the asker's own
 * read of the id confirms it before anything is watched.
 */
export type DefenderCommand = Extract<Command, { kind: DefenderKeyword | (typeof DEFENDER_FALLBACKS)[number] }>;

/** Whether a command reads Defender, so needs a token and runs in the background. */
export function readsDefender(command: Command): command is DefenderCommand {
  const keyword = (KEYWORDS as KeywordTable)[command.kind] as Keyword<Command> | undefined;
  return keyword ? keyword.readsDefender : (DEFENDER_FALLBACKS as readonly string[]).includes(command.kind);
}

const COMMAND = /^\/?missing-?kbs?\b\s*(.*)$/is;
/** Wrapping and trailing characters that rich text, smart punctuation or habit add around an id. */
const QUOTES = '\'"`«»“”‘’„‚';
const TRAILING = new Set([...' .,;:!?)]}', ...QUOTES]);
const LEADING = new Set([...' ([{', ...QUOTES]);
/** Longer messages are cut before parsing: no command is this long, and regexes stay cheap. */
const MAX_TEXT = 2000;

/** Normalises whitespace Teams may send: NBSP and friends, zero-width characters, `&nbsp;`. */
function normaliseText(text: string): string {
  return text
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A parser for `keywords`. Its rules, in order: help words alone; a bare keyword; `/missingkbs` (else
 * help, echoing the text); a keyword after it, unless quoted (its rule decides, so it is never taken for
 * a name);
 * `<id> page <n>`; a name; an id (or invalid-id).
 */
export function commandParser<T extends KeywordTable>(keywords: T): (text: string | undefined) => ParsedCommand<T> {
  const byWord = new Map<string, Keyword<{ kind: string }>>();
  for (const keyword of Object.values(keywords))
    for (const word of keyword.words) byWord.set(word.toLowerCase(), keyword);

  /** The command of a keyword starting `text`, help when what follows does not fit; undefined for no keyword. */
  function keywordCommand(text: string, unknown: string, bareOnly: boolean): ParsedCommand<T> | undefined {
    const space = text.indexOf(' ');
    const word = (space < 0 ? text : text.slice(0, space)).replace(/^\//, '');
    const rest = space < 0 ? '' : text.slice(space + 1);
    // Alone, the keyword may carry the punctuation habit adds ("watching?").
    const keyword = byWord.get(word.toLowerCase()) ?? (rest === '' ? byWord.get(trim(word).toLowerCase()) : undefined);
    if (!keyword || (bareOnly && !keyword.bare)) return undefined;
    return keyword.read(trim(rest)) ?? { kind: 'help', unknown };
  }

  return (text) => {
    const clean = normaliseText(text ?? '').slice(0, MAX_TEXT);
    const unknown = clean.slice(0, 100);
    if (clean === '' || HELP_PATTERN.test(clean) || HELP_PATTERN.test(trim(clean))) return { kind: 'help' };
    const bare = keywordCommand(clean, unknown, true);
    if (bare) return bare;
    const match = COMMAND.exec(clean);
    if (!match) return { kind: 'help', unknown };
    const argument = trim(match[1]);
    if (argument === '' || HELP_PATTERN.test(argument)) return { kind: 'help' };
    // A quoted argument is a name or an id, never a keyword: `/missingkbs "Top Gun"` looks up Top Gun.
    const keyword = QUOTES.includes(match[1][0]) ? undefined : keywordCommand(argument, unknown, false);
    return keyword ?? parseBrowseArgument(argument) ?? idCommand('missingkbs', argument);
  };
}

/** Parses a message's text into a Command; never throws. */
export const parseCommand: (text: string | undefined) => Command = commandParser(KEYWORDS);

/** Strips wrapping punctuation from both ends, in linear time. */
function trim(value: string): string {
  let start = 0;
  let end = value.length;
  while (end > start && TRAILING.has(value[end - 1])) end--;
  while (start < end && LEADING.has(value[start])) start++;
  return value.slice(start, end);
}
