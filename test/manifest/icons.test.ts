// The committed icons (npm run icons from manifest/icon.svg): Teams' sizes, a white-on-transparent outline; scripts/lib/png.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { fromRoot } from '../../scripts/lib/paths';
import { pngSize } from '../../scripts/lib/png';

/** The icon's bytes, its decoded image and the alpha of every pixel. */
function read(name: string): { bytes: Buffer; png: PNG; alphas: number[] } {
  const bytes = readFileSync(fromRoot('manifest', name));
  const png = PNG.sync.read(bytes);
  return { bytes, png, alphas: Array.from({ length: png.width * png.height }, (_, i) => png.data[i * 4 + 3]) };
}

describe('app icons', () => {
  it('color.png is a 192x192 opaque PNG', () => {
    const { bytes, alphas } = read('color.png');
    assert.deepEqual(pngSize(bytes), { width: 192, height: 192 });
    assert.equal(alphas.filter((a) => a !== 255).length, 0, 'no transparent pixel');
  });

  it('outline.png is 32x32, white on transparent, and the drawing fills most of it', () => {
    const { bytes, png, alphas } = read('outline.png');
    assert.deepEqual(pngSize(bytes), { width: 32, height: 32 });
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] > 0) assert.deepEqual([...png.data.subarray(i, i + 3)], [255, 255, 255], `pixel ${i / 4}`);
    }
    assert.ok(alphas.filter((a) => a === 255).length > 32 * 32 * 0.35, 'solid pixels');
    assert.ok(alphas.filter((a) => a === 0).length > 32 * 32 * 0.2, 'clear pixels');
  });

  it('pngSize refuses what is not a PNG', () => {
    const notIhdr = Buffer.concat([read('outline.png').bytes.subarray(0, 12), Buffer.alloc(12)]);
    for (const bytes of [Buffer.from('GIF89a not a png at all, really'), Buffer.alloc(0), notIhdr]) {
      assert.equal(pngSize(bytes), undefined);
    }
  });
});
