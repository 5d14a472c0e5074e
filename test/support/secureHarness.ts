/** Starts the real application in production mode, authentication on, with every Microsoft endpoint pointed at a local stand-in: fake Entra ID (HTTPS), fake Bot Connector (channel tokens, bearer check on replies) and fake Defender (accepts only delegated tokens from the fake Entra ID). */
import type { AppOverrides } from '../../src/app';
import { FakeConnector } from './fakeConnector';
import { FakeDefender } from './fakeDefender';
import { FakeEntra, type EntraUser, type OtherTenant } from './fakeEntra';
import { launchApp, teamsActivity } from './harness';
import { postActivity } from './http';

export const APP_ID = '3f1d2c4b-5a69-4e7f-8c1b-2a3d4e5f6a7b';
export const TENANT_ID = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const OTHER_TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const APP_SECRET = 'fake-secret-value-7Q~never-logged';
export const DEFENDER_RESOURCE = 'https://api.securitycenter.microsoft.com';

/** Test users of the fake tenant. */
export const USERS = {
  megan: { oid: '7faf80bb-fa44-4f8b-9b0a-ea0f86d2d08b', tid: TENANT_ID, name: 'Megan Bowen' },
  adele: { oid: '2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e', tid: TENANT_ID, name: 'Adele Vance' },
} satisfies Record<string, EntraUser>;

/** A bot running with authentication on, and its stand-ins. */
export type SecureBot = Awaited<ReturnType<typeof startSecureBot>>;

/** The stand-ins of a production deployment and the settings that point the bot at them. */
export type StandIns = Awaited<ReturnType<typeof startStandIns>>;

/** Starts fake Entra ID, Bot Connector and Defender; `env` adds or overrides settings; */
export async function startStandIns(env: Record<string, string> = {}, otherTenants: readonly OtherTenant[] = []) {
  const entra = await FakeEntra.start({
    tenantId: TENANT_ID,
    app: { clientId: APP_ID, clientSecret: APP_SECRET, ssoResource: `api://botid-${APP_ID}` },
    otherTenants,
  });
  const verifyAudience = (audience: string) => (token: string) => entra.verifyAccessToken(token)?.aud === audience;
  const connector = await FakeConnector.start({
    auth: { appId: APP_ID, verifyBotToken: verifyAudience('https://api.botframework.com') },
  });
  const defender = await FakeDefender.start({
    verifyToken: verifyAudience(DEFENDER_RESOURCE),
    claimsOf: (token) => entra.verifyAccessToken(token),
  });
  // PORT, HOST, LOG_LEVEL and a DATA_DIR of its own: launchApp's or spawnBot's, whichever starts the bot.
  const fullEnv: Record<string, string> = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: APP_SECRET,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT_ID,
    AZURE_AUTHORITY_HOST: entra.url,
    ToChannelFromBotLoginUrl: `${entra.url}/${TENANT_ID}`,
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: connector.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: connector.tokenIssuer,
    DEFENDER_API_BASE_URL: defender.url,
    BOT_DOMAIN: 'bot.example.test',
    ...env,
  };
  const close = async (): Promise<void> => {
    await Promise.all([connector.close(), defender.close(), entra.close()]);
  };
  return { entra, connector, defender, env: fullEnv, close };
}

/** Starts the stand-ins and the bot in this process; `env` adds or overrides settings. */
export async function startSecureBot(
  env: Record<string, string> = {},
  overrides: AppOverrides = {},
  otherTenants: readonly OtherTenant[] = [],
) {
  const { entra, connector, defender, env: fullEnv, close } = await startStandIns(env, otherTenants);
  const app = await launchApp(fullEnv, { entra: { ca: entra.ca }, ...overrides });
  return {
    url: app.url,
    entra,
    connector,
    defender,
    logs: app.logs,
    /** POSTs an activity with a valid channel token (or `authorization` as given, null for none). */
    post: async (activity: object, authorization?: string | null) => {
      const auth = authorization === undefined ? connector.authorizationFor(activity) : authorization;
      const { status, text } = await postActivity(app.url, activity, auth === null ? {} : { authorization: auth });
      return { status, body: text };
    },
    /** A Teams message from `user` (personal chat unless `fixture` says otherwise). */
    message: (text: string, user: EntraUser = USERS.megan, fixture = 'personal-message') =>
      asUser(teamsActivity(fixture, connector.serviceUrl, text), user),
    /** A `signin/tokenExchange` invoke from `user` for exchange `id` carrying `token`. */
    tokenExchange: (id: string, token: string, user: EntraUser = USERS.megan) =>
      invokeActivity(connector.serviceUrl, 'signin/tokenExchange', { id, connectionName: 'sso', token }, user),
    /** An invoke `name` (`signin/verifyState`, `signin/failure`…) with `value`, from `user` in a personal chat. */
    invoke: (name: string, value: object, user: EntraUser = USERS.megan) =>
      invokeActivity(connector.serviceUrl, name, value, user),
    stop: async () => {
      await app.stop();
      await close();
    },
  };
}

/** The activity as sent by `user` (Entra object id, name and tenant, where Teams puts them). */
export function asUser(activity: Record<string, any>, user: EntraUser): Record<string, any> {
  activity.from = { ...activity.from, aadObjectId: user.oid, name: user.name };
  activity.channelData = { ...activity.channelData, tenant: { id: user.tid } };
  activity.conversation = { ...activity.conversation, tenantId: user.tid };
  return activity;
}

/** An invoke `name` with `value` from `user` in a personal chat, as Teams sends it. */
export function invokeActivity(serviceUrl: string, name: string, value: object, user: EntraUser): Record<string, any> {
  const activity = asUser(teamsActivity('personal-message', serviceUrl), user);
  activity.type = 'invoke';
  activity.name = name;
  activity.value = value;
  delete activity.text;
  return activity;
}
