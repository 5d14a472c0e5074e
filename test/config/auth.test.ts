// Unit tests for src/authConfig.ts through loadConfig (production mode): defaults, clouds, problems, the secret.
import assert from 'node:assert/strict';
import { loadConfig, redactedSummary } from '../../src/config';
import { APP_ID, problems, prod, SECRET, TENANT, type TestEnv } from '../support/authConfig';

describe('loadConfig in production (sign-in settings)', () => {
  it('reads a secret configuration with its defaults', () => {
    const config = loadConfig(
      prod({ ALLOWED_TENANTS: ` ${TENANT.toLowerCase()}, 99999999-8888-7777-6666-55555555AAAA ,` }),
    );
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.defender.baseUrl, 'https://api.security.microsoft.com');
    assert.deepEqual(config.bot, { appId: APP_ID, tenantId: TENANT.toLowerCase() });
    assert.deepEqual(config.auth, {
      appId: APP_ID,
      tenantId: TENANT.toLowerCase(),
      credential: { kind: 'secret', secret: SECRET },
      authorityHost: 'https://login.microsoftonline.com',
      defenderScope: 'https://api.securitycenter.microsoft.com/Software.Read',
      defenderAppScope: 'https://api.securitycenter.microsoft.com/.default',
      ssoResource: `api://botid-${APP_ID}`,
      ssoConnectionName: 'sso',
      publicBaseUrl: 'https://bot.contoso.com',
      allowedTenants: [TENANT.toLowerCase(), '99999999-8888-7777-6666-55555555aaaa'],
      tokenCacheMaxUsers: 5000,
    });
  });

  it('reads a sovereign cloud: authority host and the Defender resource of the scope', () => {
    const auth = loadConfig(
      prod({
        AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
        DEFENDER_API_SCOPE: 'https://api-gov.securitycenter.microsoft.us/Software.Read',
      }),
    ).auth!;
    assert.equal(auth.authorityHost, 'https://login.microsoftonline.us');
    assert.equal(auth.defenderScope, 'https://api-gov.securitycenter.microsoft.us/Software.Read');
    assert.equal(auth.defenderAppScope, 'https://api-gov.securitycenter.microsoft.us/.default');
  });

  it('accepts SingleTenant in any case', () => {
    assert.equal(loadConfig(prod({ MicrosoftAppType: 'singletenant' })).mode, 'production');
  });

  it('lists every problem together', () => {
    const found = problems({
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppPassword: SECRET,
      MicrosoftAppCertificateThumbprint: 'C0'.repeat(20),
      AZURE_AUTHORITY_HOST: 'http://login.microsoftonline.com',
      DEFENDER_API_SCOPE: 'Software.Read',
      BOT_DOMAIN: 'https://bot.contoso.com/x',
      ALLOWED_TENANTS: `${TENANT},contoso.com`,
      DEFENDER_DEV_TOKEN: 'dev-token',
    });
    const starts = [
      'MicrosoftAppId ',
      'MicrosoftAppTenantId ',
      'MicrosoftAppType ',
      'Set either MicrosoftAppPassword or a certificate',
      'AZURE_AUTHORITY_HOST ',
      'DEFENDER_API_SCOPE ',
      'BOT_DOMAIN ',
      'ALLOWED_TENANTS ',
      'DEFENDER_DEV_TOKEN ',
    ];
    for (const start of starts) assert.equal(found.filter((p) => p.startsWith(start)).length, 1, start);
    assert.equal(found.length, starts.length, found.join('\n'));
    assert.match(
      found.find((p) => p.startsWith('ALLOWED_TENANTS'))!,
      /bad: contoso\.com\)$/,
    );
    assert.ok(!found.join('\n').includes('dev-token'));
  });

  const single: [string, TestEnv, RegExp][] = [
    ['missing tenant', { MicrosoftAppTenantId: undefined }, /^MicrosoftAppTenantId is required/],
    ['no credential', { MicrosoftAppPassword: undefined }, /^A credential is required/],
    ['missing BOT_DOMAIN', { BOT_DOMAIN: undefined }, /^BOT_DOMAIN is required/],
    ['BOT_DOMAIN with a path', { BOT_DOMAIN: 'bot.contoso.com/api' }, /^BOT_DOMAIN must be a host name/],
    [
      'BOT_DOMAIN with a port (as npm run package refuses it)',
      { BOT_DOMAIN: 'bot.contoso.com:8443' },
      /^BOT_DOMAIN must/,
    ],
    [
      'an SSO_RESOURCE that is no api:// URI',
      { SSO_RESOURCE: 'https://x' },
      /^SSO_RESOURCE must be the Application ID URI/,
    ],
    ['an http scope', { DEFENDER_API_SCOPE: 'http://api.securitycenter.microsoft.com/X' }, /^DEFENDER_API_SCOPE/],
    ['a development token', { DEFENDER_DEV_TOKEN: SECRET }, /^DEFENDER_DEV_TOKEN is for demo mode only/],
  ];
  for (const [label, extra, expected] of single) {
    it(`reports ${label}`, () => {
      const found = problems(prod(extra));
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], expected);
    });
  }

  it('never shows the secret in problems or in redactedSummary, which says only that it is set', () => {
    const summary = JSON.stringify(redactedSummary(loadConfig(prod())));
    assert.ok(!summary.includes(SECRET));
    assert.match(summary, /"credential":"client secret \(set\)"/);
    for (const env of [
      prod({ MicrosoftAppId: 'bad', MicrosoftAppCertificateThumbprint: 'zz', BOT_DOMAIN: undefined }),
      prod({ MicrosoftAppTenantId: undefined, DEFENDER_DEV_TOKEN: SECRET, MicrosoftAppType: 'MultiTenant' }),
    ]) {
      assert.ok(!problems(env).join('\n').includes(SECRET));
    }
  });
});
