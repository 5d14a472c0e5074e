/**
 * A small text-level reader of the project's Bicep files (no Bicep compiler runs offline): parameters, resources,
 * variables and outputs, and the `key: value` lines of an object body. It relies on the layout the Bicep
 * formatter writes: a top-level block closes with `}` at the start of a line, and a nested value spans the
 * lines indented deeper than its key, up to the bracket that closes it at the key's indentation.
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../scripts/lib/paths';

/** A `param` declaration. */
export interface BicepParam {
  readonly name: string;
  /** The default value's text, when it has one. */
  readonly defaultValue?: string;
  readonly secure: boolean;
  readonly description?: string;
}

/** A `resource` declaration: its symbol, type and body text (between the braces). */
export interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly body: string;
}

/** A parsed Bicep file. */
export interface BicepFile {
  readonly text: string;
  readonly params: readonly BicepParam[];
  readonly resources: readonly BicepResource[];
  readonly outputs: ReadonlyMap<string, string>;
  /** `var name = {...}` object bodies, and other variables' expressions. */
  readonly vars: ReadonlyMap<string, string>;
}

/** Reads and parses a Bicep file of the project (path from the root). */
export function readBicep(...parts: string[]): BicepFile {
  const text = readFileSync(fromRoot(...parts), 'utf8');
  const params = [...text.matchAll(/((?:^@.*\n)*)^param (\w+) \w+(?: = (.+))?$/gm)].map(
    ([, decorators, name, defaultValue]) => ({
      name,
      defaultValue,
      secure: decorators.includes('@secure()'),
      description: /^@description\('(.*)'\)$/m.exec(decorators)?.[1].replace(/\\'/g, "'"),
    }),
  );
  const resources = [...text.matchAll(/^resource (\w+) '([^@']+)@[^']+' .*\{\n([\s\S]*?)^\}$/gm)].map(
    ([, symbol, type, body]) => ({ symbol, type, body }),
  );
  const outputs = new Map(
    [...text.matchAll(/^output (\w+) \w+ = (.+)$/gm)].map(([, name, value]) => [name, value.trim()] as const),
  );
  const vars = new Map(
    [...text.matchAll(/^var (\w+) = (?:\{\n([\s\S]*?)^\}|(.+))$/gm)].map(
      ([, name, block, value]) => [name, block ?? value] as const,
    ),
  );
  return { text, params, resources, outputs, vars };
}

/** The `key: value` pairs at the top level of an object body (nested objects and arrays keep their text). */
export function objectEntries(body: string): Map<string, string> {
  const lines = body.split('\n').filter((line) => !/^\s*(\/\/.*)?$/.test(line));
  const indent = (line: string): number => line.search(/\S/);
  const top = Math.min(...lines.map(indent));
  const entries = new Map<string, string>();
  for (const [i, line] of lines.entries()) {
    const entry = /^\s*(\w+): (.*)$/.exec(line);
    if (!entry || indent(line) !== top) continue;
    if (/[{[]$/.test(entry[2])) {
      const close = lines.findIndex((next, j) => j > i && indent(next) === top);
      entries.set(entry[1], [entry[2], ...lines.slice(i + 1, close + 1)].join('\n'));
    } else entries.set(entry[1], entry[2].trim());
  }
  return entries;
}

/** The value at a dotted path in an object body, e.g. `siteConfig.alwaysOn`. */
export function valueAt(body: string, path: string): string | undefined {
  let current: string | undefined = body;
  for (const key of path.split('.')) {
    const value: string | undefined = current === undefined ? undefined : objectEntries(current).get(key);
    current = value?.startsWith('{') ? value.slice(1, -1) : value;
  }
  return current;
}

/** The resource with this symbol; throws when missing. */
export function resource(file: BicepFile, symbol: string): BicepResource {
  const found = file.resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`no resource ${symbol}`);
  return found;
}
