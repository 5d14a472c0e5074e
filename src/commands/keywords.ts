/**
 * The command keywords, each listed once: `/missingkbs <keyword> ...`, and `<keyword> ...` alone for the
 * `bare` ones (as the manifest's command menu inserts them). The parser (parse.ts) tries them before it
 * reads an id or a name, so a keyword is never looked up as a software name; the Command type and
 * `readsDefender` come from this table too.
 */
import { DEFAULT_TOP_COUNT, MAX_TOP_COUNT } from './browseArgs';
import { HELP_WORDS } from './helpWords';
import { checkSoftwareId, type InvalidIdReason } from './softwareId';

/** The invalid-id card's command: the argument is not a software id, and why. */
export type InvalidIdCommand = { kind: 'invalid-id'; input: string; reason: InvalidIdReason };
/** The help card's command; `unknown` is the text that was not understood. */
export type HelpCommand = { kind: 'help'; unknown?: string };

/** One keyword's rule. */
export interface Keyword<C extends { kind: string }> {
  /** The words that name it (any case). */
  readonly words: readonly string[];
  /** Also understood without /missingkbs in front. */
  readonly bare: boolean;
  /** Whether its command reads Defender (so needs the user's token, and runs in the background). */
  readonly readsDefender: boolean;
  /** Its command from the text after the keyword (trimmed); undefined when that text does not fit (help then). */
  readonly read: (argument: string) => C | undefined;
}

/** A table of keywords, by command kind. */
export type KeywordTable = Readonly<Record<string, Keyword<{ kind: string }>>>;

/** The commands a table's keywords give. */
export type KeywordCommand<T extends KeywordTable> = NonNullable<ReturnType<T[keyof T]['read']>>;

/** The bot's keywords. */
export const KEYWORDS = {
  help: { words: HELP_WORDS, bare: false, readsDefender: false, read: none<HelpCommand>({ kind: 'help' }) },
  top: { words: ['top'], bare: false, readsDefender: true, read: readTop },
  watch: { words: ['watch'], bare: true, readsDefender: true, read: (a: string) => idCommand('watch', a) },
  unwatch: { words: ['unwatch'], bare: true, readsDefender: false, read: (a: string) => idCommand('unwatch', a) },
  watching: { words: ['watching'], bare: true, readsDefender: false, read: none({ kind: 'watching' } as const) },
} as const satisfies KeywordTable;

/** The keywords whose commands read Defender. */
export type DefenderKeyword = {
  [K in keyof typeof KEYWORDS]: (typeof KEYWORDS)[K]['readsDefender'] extends true ? K : never;
}[keyof typeof KEYWORDS];

/** `top [n]`: 10 by default, between 1 and MAX_TOP_COUNT. */
function readTop(argument: string): { kind: 'top'; count: number } | undefined {
  if (argument !== '' && !/^\d{1,6}$/.test(argument)) return undefined;
  const count = argument === '' ? DEFAULT_TOP_COUNT : Number(argument);
  return { kind: 'top', count: Math.min(Math.max(count, 1), MAX_TOP_COUNT) };
}

/** A keyword that takes no argument. */
function none<C extends { kind: string }>(command: C): (argument: string) => C | undefined {
  return (argument) => (argument === '' ? command : undefined);
}

/** A command on a software id, invalid-id saying why the argument is not one, or help for no argument. */
export function idCommand<K extends string>(
  kind: K,
  argument: string,
): { kind: K; softwareId: string } | InvalidIdCommand | HelpCommand {
  if (argument === '') return { kind: 'help' };
  const check = checkSoftwareId(argument);
  if (!check.ok) return { kind: 'invalid-id', input: argument.slice(0, 100), reason: check.reason };
  return { kind, softwareId: check.id };
}
