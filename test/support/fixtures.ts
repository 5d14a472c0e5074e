/** Loads the JSON fixtures in test/fixtures (Microsoft's documented payloads). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** test/fixtures; tests run from the project root (npm test, mocha). */
export const FIXTURES_DIR = path.resolve(process.cwd(), 'test', 'fixtures');

/** A fresh parsed copy of a fixture. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8')) as T;
}
