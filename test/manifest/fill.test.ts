// src/manifest/fill.ts: placeholders filled inside strings, unknown ones named (placeholderValues: appPackage.test.ts).
import assert from 'node:assert/strict';
import { fillManifest } from '../../src/manifest/fill';
import { ManifestError } from '../../src/config/package';

describe('fillManifest', () => {
  it('fills placeholders anywhere in strings, in objects and arrays, and leaves other values and the template alone', () => {
    const template = {
      id: '{{A}}',
      url: 'https://{{B}}/x',
      list: ['{{A}}', 1, true, null],
      nested: { b: '{{A}}-{{B}}' },
    };
    const filled = fillManifest(template, { A: 'one', B: 'two' });
    assert.deepEqual(filled, {
      id: 'one',
      url: 'https://two/x',
      list: ['one', 1, true, null],
      nested: { b: 'one-two' },
    });
    assert.equal(template.id, '{{A}}');
  });

  it('keeps a value with quotes and braces as text: the JSON shape cannot change', () => {
    assert.deepEqual(fillManifest({ a: '{{A}}' }, { A: '", "x": {"y": 1}, "{{B}}' }), {
      a: '", "x": {"y": 1}, "{{B}}',
    });
  });

  it('names every placeholder no setting fills', () => {
    assert.throws(
      () => fillManifest({ a: '{{NOPE}}', b: ['{{ALSO_NOPE}}', '{{A}}'] }, { A: 'x' }),
      (err: unknown) =>
        err instanceof ManifestError &&
        err.problems.join('\n') ===
          'manifest.json uses {{NOPE}}, which no setting fills\nmanifest.json uses {{ALSO_NOPE}}, which no setting fills',
    );
  });
});
