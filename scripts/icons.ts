/**
 * npm run icons: draws manifest/color.png (192x192) and manifest/outline.png (32x32, white on
 * transparent) from manifest/icon.svg in headless Chromium. The PNGs are committed, so packaging
 * needs no browser.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { launchChromium, type Chromium } from './lib/browser';
import { fromRoot } from './lib/paths';

/** The glyph's box with a small margin, for the outline icon (see icon.svg). */
const OUTLINE_VIEWBOX = '30 34 132 132';

interface IconSpec {
  readonly file: string;
  readonly size: number;
  readonly outline: boolean;
}

const SPECS: readonly IconSpec[] = [
  { file: 'color.png', size: 192, outline: false },
  { file: 'outline.png', size: 32, outline: true },
];

async function draw(browser: Chromium, svg: string, spec: IconSpec): Promise<Buffer> {
  const page = await browser.newPage({ width: spec.size, height: spec.size });
  try {
    const source = spec.outline ? svg.replace(/viewBox="[^"]*"/, `viewBox="${OUTLINE_VIEWBOX}"`) : svg;
    const hide = spec.outline ? '#background { display: none; }' : '';
    await page.setContent(
      `<!doctype html><style>html, body { margin: 0; background: transparent; }
       svg { display: block; width: 100vw; height: 100vh; } ${hide}</style>${source}`,
    );
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    return spec.outline ? whiteOnTransparent(png) : png;
  } finally {
    await page.close();
  }
}

/** Keeps only the alpha of each pixel and makes it white: Teams wants a pure white outline. */
function whiteOnTransparent(bytes: Buffer): Buffer {
  const png = PNG.sync.read(bytes);
  for (let i = 0; i < png.data.length; i += 4) {
    const value = png.data[i + 3] === 0 ? 0 : 255;
    png.data.fill(value, i, i + 3);
  }
  return PNG.sync.write(png);
}

async function main(): Promise<void> {
  const svg = await readFile(fromRoot('manifest', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    for (const spec of SPECS) {
      await writeFile(fromRoot('manifest', spec.file), await draw(browser, svg, spec));
      process.stdout.write(`Wrote manifest/${spec.file} (${spec.size}x${spec.size})\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
