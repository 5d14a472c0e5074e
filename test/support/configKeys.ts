/** The environment keys the project reads, found in its sources (every configuration read goes through EnvReader with a literal key), and the keys env.sample documents. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../scripts/lib/paths';
import type { Env } from '../../src/config/env';

const READ_CALL = /\.(?:str|int|url|guid|guidList|hostName|ssoResource)\(\s*([^,)]*)/g;

/** Every `.str('KEY')`-style read in the TypeScript files under `folder` (or that file), from the root; throws on a computed key. */
export function readKeysUnder(folder: string, exclude: readonly string[] = []): Set<string> {
  const keys = new Set<string>();
  for (const file of tsFiles(fromRoot(folder))) {
    if (exclude.some((skip) => file.startsWith(fromRoot(skip)))) continue;
    for (const [, argument] of readFileSync(file, 'utf8').matchAll(READ_CALL)) {
      const literal = /^'([A-Za-z_][A-Za-z0-9_]*)'$/.exec(argument.trim());
      if (!literal) throw new Error(`${path.relative(fromRoot(), file)} reads a computed key (${argument}): name it`);
      keys.add(literal[1]);
    }
  }
  return keys;
}

/** The keys the bot's configuration reads (src/, without EnvReader itself and the package-time settings). */
export function botConfigKeys(): Set<string> {
  return readKeysUnder('src', [path.join('src', 'config', 'env.ts'), path.join('src', 'config', 'package.ts')]);
}

/** The keys `npm run package` reads (src/config/package.ts). */
export function packageKeys(): Set<string> {
  return readKeysUnder(path.join('src', 'config', 'package.ts'));
}

/** The keys env.sample documents: lines `KEY=value` or `# KEY=value` (a value without spaces or `;`, unlike examples). */
export function envSampleKeys(): Set<string> {
  const text = readFileSync(fromRoot('env.sample'), 'utf8');
  return new Set([...text.matchAll(/^#? ?([A-Za-z_][A-Za-z0-9_]*)=[^\s;]*$/gm)].map((m) => m[1]));
}

/** An environment that records each key read from it. */
export function recordingEnv(env: Env): { env: Env; read: Set<string> } {
  const read = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key) as unknown;
    },
  });
  return { env: proxy, read };
}

function tsFiles(dir: string): string[] {
  if (dir.endsWith('.ts')) return [dir];
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return names.filter((name) => name.endsWith('.ts')).map((name) => path.join(dir, name));
}
