/**
 * The bot's start command is written once, in package.json's `start` script: the container image,
 * App Service and the bench run `node` with the same flags (tests check the image and Bicep agree).
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from './paths';

/** The flags `npm start` gives `node` before the entry point, e.g. the V8 heap bound. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as {
    main: string;
    scripts: { start: string };
  };
  const command = pkg.scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (command[0] !== 'node' || command.at(-1) !== pkg.main) throw new Error(`start is not "node … ${pkg.main}"`);
  return command.slice(1, -1);
}
