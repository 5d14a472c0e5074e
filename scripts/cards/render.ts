/**
 * Renders cards as Teams would draw them: the official `adaptivecards` renderer, loaded into a
 * headless Chromium page from node_modules (no CDN), with a Teams-like host config.
 */
import type { Chromium } from '../lib/browser';
import { fromRoot } from '../lib/paths';
import { teamsHostConfig, themeBackground, type Theme } from './hostConfig';

/** Width of a Teams chat message with a full-width card, roughly. */
const CARD_WIDTH = 560;

/** What the rendered card shows and what went wrong on the way. */
export interface RenderedCard {
  /** The text a person reads on the card. */
  readonly text: string;
  /** Renderer errors and warnings, page errors and console errors; empty when all went well. */
  readonly problems: readonly string[];
  /** A screenshot of the card, when asked for. */
  readonly png?: Buffer;
}

/** Draws cards in one theme, one after another, in a page that loads the renderer once. */
export interface CardRenderer {
  render(card: object, options?: { screenshot?: boolean }): Promise<RenderedCard>;
  close(): Promise<void>;
}

/** A page of `browser` ready to draw cards in `theme` (loading the renderer costs more than drawing a card). */
export async function openRenderer(browser: Chromium, theme: Theme): Promise<CardRenderer> {
  const page = await browser.newPage({ width: CARD_WIDTH + 32, height: 400 });
  let pageProblems: string[] = [];
  page.on('pageerror', (err) => pageProblems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageProblems.push(`console: ${message.text()}`);
  });
  const background = themeBackground(theme);
  await page.setContent(
    // Teams draws a TextRun's link in the run's own colour, not the browser's link blue.
    `<!doctype html><html><style>a.ac-anchor { color: inherit; }</style>` +
      `<body style="margin: 0; padding: 16px; background: ${background}">` +
      `<div id="card" style="width: ${CARD_WIDTH}px; background: ${background}"></div></body></html>`,
  );
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.addScriptTag({ path: fromRoot('scripts', 'cards', 'page.js') });
  return {
    async render(card, { screenshot = false } = {}) {
      pageProblems = [];
      const result = await page.evaluate(
        ([json, hostConfig]) =>
          (
            globalThis as unknown as { renderCard(c: unknown, h: unknown): { problems: string[]; text: string } }
          ).renderCard(json, hostConfig),
        [card, teamsHostConfig(theme)] as const,
      );
      const png = screenshot ? await page.locator('#card').screenshot({ type: 'png' }) : undefined;
      return { text: result.text, problems: [...result.problems, ...pageProblems], png };
    },
    close: () => page.close(),
  };
}

/** Renders `card` in a theme in a page of its own, with a screenshot if asked. */
export async function renderCard(
  browser: Chromium,
  card: object,
  theme: Theme,
  options: { screenshot?: boolean } = {},
): Promise<RenderedCard> {
  const renderer = await openRenderer(browser, theme);
  try {
    return await renderer.render(card, options);
  } finally {
    await renderer.close();
  }
}
