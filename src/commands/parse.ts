/**
 * Parsing of what a user wrote to the bot (after the @mention is removed): `/missingkbs <id>`,
 * `missingkbs <id>`, `help` (or a help word of another catalogue, e.g. `aide`),
 * `[/missingkbs] watch|unwatch <id>`, `[/missingkbs] watching`. Tolerates letter case, extra and
 * non-breaking spaces, HTML entities and trailing punctuation that Teams' rich text adds.
 */
import { parseBrowseArgument } from './browseArgs';
import { HELP_PATTERN } from './helpWords';
import { checkSoftwareId, type InvalidIdReason } from './softwareId';

/** What the user asked for. */
export type Command =
  | { kind: 'missingkbs'; softwareId: string; page?: number }
  | { kind: 'find'; query: string }
  | { kind: 'top'; count: number }
  | { kind: 'invalid-id'; input: string; reason: InvalidIdReason }
  | { kind: 'help'; unknown?: string }
  | { kind: 'watch'; softwareId: string }
  | { kind: 'unwatch'; softwareId: string }
  | { kind: 'watching' };

/**
 * Commands that read Defender (on the user's behalf in production). `watch` does: the asker's own
 * read of the id confirms it before anything is watched.
 */
export type DefenderCommand = Extract<Command, { kind: 'missingkbs' | 'find' | 'top' | 'watch' }>;

/** Whether a command reads Defender, so needs a token and runs in the background. */
export function readsDefender(command: Command): command is DefenderCommand {
  return ['missingkbs', 'find', 'top', 'watch'].includes(command.kind);
}

const COMMAND = /^\/?missing-?kbs?\b\s*(.*)$/is;
const HELP = HELP_PATTERN;
/** `watch <id>` / `unwatch <id>` (not `watching`, nor an id that merely starts with "watch"). */
const WATCH = /^\/?(un)?watch(?:\s+(.*))?$/is;
const WATCHING = /^\/?watching$/i;
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
  const watch = watchCommand(clean);
  if (watch) return watch;
  const match = COMMAND.exec(clean);
  if (!match) return { kind: 'help', unknown: clean.slice(0, 100) };
  const argument = trim(match[1]);
  if (argument === '' || HELP.test(argument)) return { kind: 'help' };
  const subcommand = watchCommand(argument);
  if (subcommand) return subcommand;
  const browse = parseBrowseArgument(argument);
  if (browse) return browse;
  return idCommand('missingkbs', argument);
}

/** A command on a software id, or invalid-id saying why the argument is not one. */
function idCommand(kind: 'missingkbs' | 'watch' | 'unwatch', argument: string): Command {
  const check = checkSoftwareId(argument);
  if (!check.ok) return { kind: 'invalid-id', input: argument.slice(0, 100), reason: check.reason };
  return { kind, softwareId: check.id };
}

/** The watch commands (as the manifest's command menu inserts them, or after /missingkbs), else undefined. */
function watchCommand(text: string): Command | undefined {
  if (WATCHING.test(trim(text))) return { kind: 'watching' };
  const match = WATCH.exec(text);
  if (!match) return undefined;
  const argument = trim(match[2] ?? '');
  if (argument === '') return { kind: 'help' };
  return idCommand(match[1] ? 'unwatch' : 'watch', argument);
}

/** Strips wrapping punctuation from both ends, in linear time. */
function trim(value: string): string {
  let start = 0;
  let end = value.length;
  while (end > start && TRAILING.has(value[end - 1])) end--;
  while (start < end && LEADING.has(value[start])) start++;
  return value.slice(start, end);
}
