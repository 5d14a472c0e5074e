// The committed icons (npm run icons from manifest/icon.svg): Teams' sizes, and a white-on-transparent outline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { fromRoot } from '../../scripts/lib/paths';
import { pngSize } from '../../scripts/lib/png';

function read(name: string): { bytes: Buffer; png: PNG } {
  const bytes = readFileSync(fromRoot('manifest', name));
  return { bytes, png: PNG.sync.read(bytes) };
}

/** The alpha of every pixel. */
function alphas(png: PNG): number[] {
  return Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4 + 3]);
}

describe('app icons', () => {
  it('color.png is a 192x192 opaque PNG', () => {
    const { bytes, png } = read('color.png');
    assert.deepEqual(pngSize(bytes), { width: 192, height: 192 });
    assert.ok(
      alphas(png).every((a) => a === 255),
      'no transparent pixel',
    );
  });

  it('outline.png is 32x32, white on transparent, and the drawing fills most of it', () => {
    const { bytes, png } = read('outline.png');
    assert.deepEqual(pngSize(bytes), { width: 32, height: 32 });
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = png.data.subarray(i, i + 4);
      if (a > 0) assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is white`);
    }
    const solid = alphas(png).filter((a) => a === 255).length;
    const clear = alphas(png).filter((a) => a === 0).length;
    assert.ok(solid > 32 * 32 * 0.35, `${solid} solid pixels`);
    assert.ok(clear > 32 * 32 * 0.2, `${clear} clear pixels`);
  });

  it('pngSize refuses what is not a PNG', () => {
    assert.equal(pngSize(Buffer.from('GIF89a not a png at all, really')), undefined);
    assert.equal(pngSize(Buffer.alloc(0)), undefined);
  });
});
