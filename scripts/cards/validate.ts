/**
 * Checks a card with the official Adaptive Cards parser (npm `adaptivecards`), as schema version 1.5:
 * the parser's own errors and warnings, plus every property it drops or changes when it reads the
 * card back (a misspelt property, a value outside its enum), and any template expression left over.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import type * as AdaptiveCards from 'adaptivecards';

/** Properties the parser does not know that Teams does: kept, not reported. */
const HOST_EXTENSIONS = new Set(['/msteams']);
/**
 * An action's `fallback` (schema 1.2+; Universal Actions' Action.Execute → Action.Submit): the parser
 * uses it while reading but never writes it back, so it is not reported as dropped.
 */
const READ_NOT_WRITTEN = /\/actions\/\d+\/fallback$/;

let library: typeof AdaptiveCards | undefined;

/** The renderer's browser bundle, run in a context that stands in for `window` (its lib/ build is ESM Node cannot load). */
function load(): typeof AdaptiveCards {
  if (library) return library;
  const module = { exports: {} };
  const context = vm.createContext({ module, exports: module.exports });
  context.window = context;
  vm.runInContext(readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'), context);
  library = module.exports as typeof AdaptiveCards;
  return library;
}

/** Paths where `actual` lacks or differs from `expected` (key order aside). */
function differences(expected: unknown, actual: unknown, at = ''): string[] {
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) {
      return [`${at || '/'} was not read as written`];
    }
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([key, value]) => {
      const path = `${at}/${key}`;
      if (key in a) return differences(value, a[key], path);
      return HOST_EXTENSIONS.has(path) || READ_NOT_WRITTEN.test(path)
        ? []
        : [`${path} was dropped (an unknown property, element or value)`];
    });
  }
  return Object.is(expected, actual) ? [] : [`${at} was read as ${JSON.stringify(actual)}`];
}

/** Every problem the parser finds in a card, as Adaptive Cards 1.5; none for a valid card. */
export function cardProblems(card: object): string[] {
  const AC = load();
  const problems: string[] = [];
  if ((card as { version?: unknown }).version !== '1.5') problems.push('version must be "1.5" (Teams bot messages)');
  if (JSON.stringify(card).includes('${')) problems.push('a template expression is left unexpanded');
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parser: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validation: ${event.message}`);
  problems.push(...differences(card, parsed.toJSON(context)));
  return problems;
}
