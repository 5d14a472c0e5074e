// src/config/package.ts: the package settings (read with the bot's EnvReader), their checks and the derived Teams app id.
import assert from 'node:assert/strict';
import { deriveTeamsAppId, ManifestError, readPackageSettings, uuidV5 } from '../../src/config/package';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const VALID = { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.example.com' };

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

  it('takes TEAMS_APP_ID (in lower case) and SSO_RESOURCE when set', () => {
    const env = {
      ...VALID,
      TEAMS_APP_ID: '11111111-2222-3333-4444-55555555AAAA',
      SSO_RESOURCE: 'api://bot.example.com/x',
    };
    const { teamsAppId, ssoResource } = readPackageSettings(env, '1.2.3');
    assert.deepEqual([teamsAppId, ssoResource], ['11111111-2222-3333-4444-55555555aaaa', 'api://bot.example.com/x']);
  });

  const cases: [Record<string, string>, string, RegExp[]][] = [
    [{ MicrosoftAppId: '  ', BOT_DOMAIN: '' }, '0.1.0', [/^MicrosoftAppId is missing/, /^BOT_DOMAIN is missing/]],
    [{ ...VALID, MicrosoftAppId: `{${APP_ID}}` }, '0.1.0', [/^MicrosoftAppId must be a GUID such as /]],
    [
      { ...VALID, BOT_DOMAIN: 'https://bot.example.com' },
      '0.1.0',
      [/^BOT_DOMAIN must be a host name .*, port or path/],
    ],
    [
      { ...VALID, TEAMS_APP_ID: 'x', SSO_RESOURCE: 'https://bot.example.com' },
      '1.0.0-beta.1',
      [
        /^TEAMS_APP_ID must be a GUID/,
        /^SSO_RESOURCE must be the Application ID URI/,
        /version must be MAJOR.MINOR.PATCH/,
      ],
    ],
    [{ SSO_RESOURCE: 'x' }, '0.1.0', [/^MicrosoftAppId is missing/, /^BOT_DOMAIN is missing/, /^SSO_RESOURCE must/]],
  ];
  for (const [env, version, expected] of cases) {
    it(`names every problem of ${JSON.stringify(env)} (version ${version}), one a line`, () => {
      assert.throws(
        () => readPackageSettings(env, version),
        (err: unknown) => {
          assert.ok(err instanceof ManifestError);
          const { message, problems } = err;
          assert.equal(message, `Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
          assert.equal(problems.length, expected.length, problems.join('\n'));
          return expected.every((re, i) => re.test(problems[i]));
        },
      );
    });
  }
});

describe('uuidV5 and deriveTeamsAppId', () => {
  it('matches the RFC test vector (DNS namespace, www.example.com)', () => {
    const id = uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com');
    assert.equal(id, '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives one stable id per app id, whatever its case: the namespace never changes', () => {
    assert.equal(deriveTeamsAppId(APP_ID), '29905dd9-aa2f-5fa7-9288-4bc2b5103339');
    assert.equal(deriveTeamsAppId(APP_ID.toUpperCase()), deriveTeamsAppId(APP_ID));
    assert.notEqual(deriveTeamsAppId('00000000-0000-0000-0000-000000000002'), deriveTeamsAppId(APP_ID));
  });
});
