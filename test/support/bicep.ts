/** A small text-level reader of the project's Bicep files (no Bicep compiler runs offline): parameters, resources, variables and outputs, and the `key: value` lines of an object body. */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../scripts/lib/paths';

/** A `param` declaration with the decorators above it. */
export interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly decorators: readonly string[];
  /** The default value's text, when it has one. */
  readonly defaultValue?: string;
  readonly secure: boolean;
  readonly description?: string;
}

/** A `resource` declaration: its symbol, type, API version and body text (between the braces). */
export interface BicepResource {
  readonly symbol: string;
  readonly type: string;
  readonly apiVersion: string;
  readonly condition?: string;
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
  return parseBicep(readFileSync(fromRoot(...parts), 'utf8'));
}

/** Parses Bicep text. */
export function parseBicep(text: string): BicepFile {
  const params: BicepParam[] = [];
  const resources: BicepResource[] = [];
  const outputs = new Map<string, string>();
  const vars = new Map<string, string>();
  let decorators: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const offset = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
    if (line.startsWith('@')) {
      decorators.push(line.trim());
      continue;
    }
    const param = /^param (\w+) (\w+)(?: = (.+))?$/.exec(line);
    const resource = /^resource (\w+) '([^@']+)@([^']+)'(?: existing)? = (?:if \((.+)\) )?\{$/.exec(line);
    const output = /^output (\w+) \w+ = (.+)$/.exec(line);
    const variable = /^var (\w+) = (.+)$/.exec(line);
    if (param) {
      const description = decorators.map((d) => /^@description\('(.*)'\)$/.exec(d)?.[1]).find(Boolean);
      params.push({
        name: param[1],
        type: param[2],
        decorators,
        defaultValue: param[3],
        secure: decorators.includes('@secure()'),
        description: description?.replace(/\\'/g, "'"),
      });
    } else if (resource) {
      const open = offset + line.lastIndexOf('{');
      resources.push({
        symbol: resource[1],
        type: resource[2],
        apiVersion: resource[3],
        condition: resource[4],
        body: text.slice(open + 1, matchingBrace(text, open)),
      });
    } else if (output) {
      outputs.set(output[1], output[2].trim());
    } else if (variable) {
      const open = offset + line.indexOf('=') + 2;
      vars.set(variable[1], variable[2] === '{' ? text.slice(open + 1, matchingBrace(text, open)) : variable[2]);
    }
    decorators = [];
  }
  return { text, params, resources, outputs, vars };
}

/** The index of the brace closing the one at `open`, skipping strings and comments. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      i++;
      while (i < text.length && (text[i] !== "'" || text[i - 1] === '\\')) i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  throw new Error(`no closing brace for the one at ${open}`);
}

/** The `key: value` pairs at the top level of an object body (nested objects keep their text). */
export function objectEntries(body: string): Map<string, string> {
  const entries = new Map<string, string>();
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" || (c === '/' && body[i + 1] === '/')) {
      const end = c === "'" ? matchingQuote(body, i) : body.indexOf('\n', i);
      i = end < 0 ? body.length : end;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 0) {
      const m = /^\s*(\w+): /.exec(body.slice(i, body.indexOf('\n', i) + 1 || undefined));
      if (m && (i === 0 || body[i - 1] === '\n')) {
        const start = i + m[0].length;
        const value = body[start] === '{' || body[start] === '[' ? blockAt(body, start) : restOfLine(body, start);
        entries.set(m[1], value.trim());
        i = start + value.length - 1;
      }
    }
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

function matchingQuote(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && (text[i] !== "'" || text[i - 1] === '\\')) i++;
  return i;
}

function blockAt(text: string, start: number): string {
  if (text[start] === '{') return text.slice(start, matchingBrace(text, start) + 1);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`no closing bracket for the one at ${start}`);
}

function restOfLine(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? undefined : end);
  // A trailing comment is not part of the value.
  const comment = line.search(/\s\/\/(?=(?:[^']*'[^']*')*[^']*$)/);
  return comment < 0 ? line : line.slice(0, comment);
}
