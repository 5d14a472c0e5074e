// Unit tests for src/manifest/settings.ts: the package settings, their checks and the derived Teams app id.
import assert from 'node:assert/strict';
import { isHostName } from '../../src/config/env';
import { deriveTeamsAppId, ManifestError, readPackageSettings, uuidV5 } from '../../src/config/package';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const VALID = { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.example.com' };

function problems(env: Record<string, string>, version = '0.1.0'): readonly string[] {
  try {
    readPackageSettings(env, version);
  } catch (err) {
    assert.ok(err instanceof ManifestError, String(err));
    return err.problems;
  }
  assert.fail('expected a ManifestError');
}

describe('readPackageSettings', () => {
  it('reads a valid environment, with the documented defaults', () => {
    assert.deepEqual(readPackageSettings(VALID, '1.2.3'), {
      appId: APP_ID,
      teamsAppId: deriveTeamsAppId(APP_ID),
      ssoResource: `api://botid-${APP_ID}`,
      botDomain: 'bot.example.com',
      version: '1.2.3',
    });
  });

  it('takes TEAMS_APP_ID and SSO_RESOURCE when set, and folds case and spaces', () => {
    const settings = readPackageSettings(
      {
        MicrosoftAppId: ` ${APP_ID.toUpperCase()} `,
        BOT_DOMAIN: 'Bot.Example.COM',
        TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
        SSO_RESOURCE: 'api://bot.example.com/botid-x',
      },
      '0.1.0',
    );
    assert.equal(settings.appId, APP_ID);
    assert.equal(settings.botDomain, 'bot.example.com');
    assert.equal(settings.teamsAppId, '11111111-2222-3333-4444-555555555555');
    assert.equal(settings.ssoResource, 'api://bot.example.com/botid-x');
  });

  it('names every missing setting at once', () => {
    const found = problems({ MicrosoftAppId: '  ', BOT_DOMAIN: '' });
    assert.equal(found.length, 2);
    assert.match(found[0], /^MicrosoftAppId is missing/);
    assert.match(found[1], /^BOT_DOMAIN is missing/);
  });

  it('rejects an app id that is not a GUID', () => {
    for (const bad of ['not-a-guid', '00000000-0000-0000-0000-00000000000g', `{${APP_ID}}`]) {
      const [problem, ...rest] = problems({ ...VALID, MicrosoftAppId: bad });
      assert.deepEqual(rest, []);
      assert.match(problem, /^MicrosoftAppId must be a GUID/);
    }
  });

  it('rejects a domain with a scheme, path, port, wildcard or a single label', () => {
    for (const bad of [
      'https://bot.example.com',
      'bot.example.com/api',
      'bot.example.com:443',
      '*.example.com',
      'localhost',
    ]) {
      assert.match(problems({ ...VALID, BOT_DOMAIN: bad }).join('\n'), /^BOT_DOMAIN must be a host name/, bad);
    }
  });

  it('rejects a malformed TEAMS_APP_ID, SSO_RESOURCE and version, all in one error', () => {
    const found = problems({ ...VALID, TEAMS_APP_ID: 'x', SSO_RESOURCE: 'https://bot.example.com' }, '1.0.0-beta.1');
    assert.equal(found.length, 3);
    assert.match(found[0], /TEAMS_APP_ID must be a GUID/);
    assert.match(found[1], /SSO_RESOURCE must be the Application ID URI/);
    assert.match(found[2], /version must be MAJOR.MINOR.PATCH/);
  });

  it('lists the problems in the message, one a line', () => {
    assert.throws(() => readPackageSettings({}, '0.1.0'), /Cannot build the Teams app package:\n {2}- MicrosoftAppId/);
  });
});

describe('isHostName', () => {
  it('accepts host names and refuses the rest', () => {
    for (const ok of ['bot.example.com', 'a-b.c.example.org', 'x1.io']) assert.ok(isHostName(ok), ok);
    for (const bad of ['', 'example', '-a.example.com', 'a-.example.com', 'a..b', '1.2.3.4', 'a b.com']) {
      assert.ok(!isHostName(bad), bad);
    }
  });
});

describe('uuidV5 and deriveTeamsAppId', () => {
  it('matches the RFC test vector (DNS namespace, www.example.com)', () => {
    assert.equal(
      uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('derives one stable version 5 id per app id, whatever its case', () => {
    const id = deriveTeamsAppId(APP_ID);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(deriveTeamsAppId(APP_ID.toUpperCase()), id);
    assert.notEqual(deriveTeamsAppId('00000000-0000-0000-0000-000000000002'), id);
    assert.notEqual(id, APP_ID);
  });
});
