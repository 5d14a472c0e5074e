/** npm run cards:render: draws every card sample in Chromium, light and dark, to build/cards/<name>-<theme>.png. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Theme } from './cards/hostConfig';
import { renderCard } from './cards/render';
import { cardSamples } from './cards/samples';
import { launchChromium } from './lib/browser';
import { fromRoot } from './lib/paths';

const THEMES: readonly Theme[] = ['light', 'dark'];

async function main(): Promise<number> {
  const out = fromRoot('build', 'cards');
  await mkdir(out, { recursive: true });
  const started = Date.now();
  const browser = await launchChromium();
  let failed = 0;
  try {
    for (const { name, card } of cardSamples()) {
      for (const theme of THEMES) {
        const { problems, png } = await renderCard(browser, card, theme, { screenshot: true });
        const file = path.join(out, `${name}-${theme}.png`);
        if (png) await writeFile(file, png);
        if (problems.length > 0) failed++;
        process.stdout.write(`${path.relative(process.cwd(), file)}${problems.map((p) => `\n  ${p}`).join('')}\n`);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`Rendered in ${((Date.now() - started) / 1000).toFixed(1)} s; ${failed} with problems.\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
