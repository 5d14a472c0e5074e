// Unit tests for src/manifest/fill.ts: placeholders filled inside strings, unknown ones named.
import assert from 'node:assert/strict';
import { fillManifest, placeholderValues } from '../../src/manifest/fill';
import { ManifestError, readPackageSettings } from '../../src/config/package';

describe('fillManifest', () => {
  it('fills placeholders anywhere in strings, in objects and arrays, and leaves other values alone', () => {
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
    assert.equal(template.id, '{{A}}', 'the template is not changed');
  });

  it('keeps a value with quotes and braces as text: the JSON shape cannot change', () => {
    const filled = fillManifest({ a: '{{A}}' }, { A: '", "x": {"y": 1}, "{{B}}' });
    assert.deepEqual(Object.keys(filled), ['a']);
    assert.equal(filled.a, '", "x": {"y": 1}, "{{B}}');
  });

  it('names every placeholder no setting fills', () => {
    assert.throws(
      () => fillManifest({ a: '{{NOPE}}', b: ['{{ALSO_NOPE}}', '{{A}}'] }, { A: 'x' }),
      (err: unknown) =>
        err instanceof ManifestError &&
        err.problems.length === 2 &&
        err.problems[0].includes('{{NOPE}}') &&
        err.problems[1].includes('{{ALSO_NOPE}}'),
    );
  });
});

describe('placeholderValues', () => {
  it('maps each setting to the placeholder the manifest uses', () => {
    const settings = readPackageSettings(
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', BOT_DOMAIN: 'bot.example.com' },
      '0.1.0',
    );
    assert.deepEqual(placeholderValues(settings), {
      MicrosoftAppId: settings.appId,
      TEAMS_APP_ID: settings.teamsAppId,
      SSO_RESOURCE: settings.ssoResource,
      BOT_DOMAIN: 'bot.example.com',
      APP_VERSION: '0.1.0',
    });
  });
});
