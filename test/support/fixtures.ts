/** Loads the JSON fixtures in test/fixtures (Microsoft's documented payloads). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** test/fixtures, found from the compiled test's location (dist/test/support). */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../test/fixtures');

/** A fresh parsed copy of a fixture. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8')) as T;
}
