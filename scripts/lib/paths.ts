/** Where the project's files are, whether run from dist/ (compiled) or by the tests. */
import path from 'node:path';

/** The project root: this file is compiled to dist/scripts/lib/paths.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A path inside the project. */
export function fromRoot(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}
