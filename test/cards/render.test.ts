// Every card fixture (English; French twins share its layout) drawn by the official renderer in headless Chromium (scripts/cards/render.ts), light and dark.
import assert from 'node:assert/strict';
import { fixtureSamples } from '../../scripts/cards/fixtures';
import { openRenderer, type CardRenderer } from '../../scripts/cards/render';
import { cardSamples } from '../../scripts/cards/samples';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium, type Chromium } from '../../scripts/lib/browser';

describe('cards rendered in Chromium', function () {
  this.timeout(60_000);
  let browser: Chromium | undefined;
  let light: CardRenderer;
  let dark: CardRenderer;

  before(async function () {
    if (!chromiumInstalled()) {
      // .ci/run installs Debian's chromium; only a machine where that failed gets here.
      console.warn(`    skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
      this.skip();
    }
    browser = await launchChromium();
    [light, dark] = await Promise.all([openRenderer(browser, 'light'), openRenderer(browser, 'dark')]);
  });

  after(() => browser?.close());

  for (const sample of fixtureSamples(cardSamples())) {
    it(`${sample.name} shows ${sample.expect.map((t) => JSON.stringify(t)).join(', ')}`, async () => {
      const drawn = await Promise.all([light.render(sample.card), dark.render(sample.card)]);
      for (const [theme, rendered] of [
        ['light', drawn[0]],
        ['dark', drawn[1]],
      ] as const) {
        assert.deepEqual(rendered.problems, [], `${theme}: no renderer, page or console errors`);
        const text = rendered.text.replace(/\s+/g, ' ');
        for (const expected of sample.expect)
          assert.ok(text.includes(expected), `${theme} shows "${expected}" in: ${text}`);
      }
    });
  }
});
