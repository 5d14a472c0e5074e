// Every card fixture (English; French twins share its layout) drawn by the official renderer in headless Chromium (scripts/cards/render.ts), light and dark.
import assert from 'node:assert/strict';
import { fixtureSamples } from '../../scripts/cards/fixtures';
import { renderCard } from '../../scripts/cards/render';
import { cardSamples } from '../../scripts/cards/samples';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium, type Chromium } from '../../scripts/lib/browser';

describe('cards rendered in Chromium', function () {
  this.timeout(60_000);
  let browser: Chromium | undefined;

  before(async function () {
    if (!chromiumInstalled()) {
      // .ci/run installs Debian's chromium; only a machine where that failed gets here.
      console.warn(`    skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
      this.skip();
    }
    browser = await launchChromium();
  });

  after(() => browser?.close());

  for (const sample of fixtureSamples(cardSamples())) {
    it(`${sample.name} shows ${sample.expect.map((t) => JSON.stringify(t)).join(', ')}`, async () => {
      const [light, dark] = await Promise.all([
        renderCard(browser!, sample.card, 'light'),
        renderCard(browser!, sample.card, 'dark'),
      ]);
      for (const [theme, rendered] of [
        ['light', light],
        ['dark', dark],
      ] as const) {
        assert.deepEqual(rendered.problems, [], `${theme}: no renderer, page or console errors`);
        const text = rendered.text.replace(/\s+/g, ' ');
        for (const expected of sample.expect)
          assert.ok(text.includes(expected), `${theme} shows "${expected}" in: ${text}`);
      }
    });
  }
});
