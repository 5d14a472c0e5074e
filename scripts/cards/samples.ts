/**
 * Every card the bot can send today, built by the real builders from realistic data: the source of
 * test/fixtures/cards (npm run cards:fixtures), the schema checks and the rendered screenshots.
 */
import { alertSamples } from './alertSamples';
import { browseSamples } from './browseSamples';
import { buildErrorCard, buildInvalidIdCard } from '../../src/cards/errorCard';
import { buildHelpCard } from '../../src/cards/helpCard';
import { buildSignInCard, type SignInCardInput } from '../../src/cards/signInCard';
import type { SignInReason } from '../../src/auth/types';
import { buildMissingKbsCard, sortWorstFirst } from '../../src/cards/missingKbsCard';
import { watchSamples } from './watchSamples';
import type { AdaptiveCard } from '../../src/cards/template';
import { checkSoftwareId } from '../../src/commands/softwareId';
import { DEMO_SOFTWARE } from '../../src/defender/demo/data';
import type { MissingKb, MissingKbsResult } from '../../src/defender/types';
import { AppError, type ErrorCode, type ErrorDetails } from '../../src/errors';
import type { Locale } from '../../src/i18n';

/** One card with the text its rendering must show. */
export interface CardSample {
  /**
   * The fixture's and the screenshots' name. A French sample is named after its English twin with -fr
   * and has no fixture: the tests check it has its twin's layout (the catalogue test checks its words).
   */
  readonly name: string;
  readonly card: AdaptiveCard;
  /** Text a person must see on the rendered card. */
  readonly expect: readonly string[];
}

const CORRELATION_ID = 'f3a5c2e8-8d0b-4b7e-9a55-1c2b3d4e5f60';

/** Details of each error as the Defender client or the bot reports it; a Record, so a new code needs a sample. */
const ERROR_DETAILS: Record<ErrorCode, ErrorDetails> = {
  'bad-input': { softwareId: 'microsoft-_-edge', status: 400, correlationId: CORRELATION_ID },
  'not-found': { softwareId: 'contoso-_-nothing', status: 404, correlationId: CORRELATION_ID },
  unauthorized: { softwareId: 'microsoft-_-edge', status: 401, permission: 'Software.Read' },
  forbidden: { softwareId: 'contoso-_-forbidden', status: 403, correlationId: CORRELATION_ID },
  'blocked-by-policy': { upstreamCode: 'AADSTS53003', correlationId: CORRELATION_ID },
  'consent-required': { softwareId: 'microsoft-_-edge' },
  'admin-consent-required': { upstreamCode: 'AADSTS7000229', tenantId: '11111111-2222-4333-8444-555555555555' },
  'sign-in-required': { upstreamCode: 'AADSTS50013' },
  'tenant-not-allowed': {},
  throttled: { softwareId: 'contoso-_-throttled', status: 429, retryAfterSeconds: 45, correlationId: CORRELATION_ID },
  timeout: { softwareId: 'microsoft-_-windows_10' },
  'upstream-failure': { softwareId: 'contoso-_-unavailable', status: 503, correlationId: CORRELATION_ID },
  'bad-response': { softwareId: 'microsoft-_-edge', status: 200 },
  config: {},
  internal: {},
};

function demo(softwareId: string, overrides: Partial<MissingKbsResult> = {}): MissingKbsResult {
  const kbs = DEMO_SOFTWARE.get(softwareId);
  if (!kbs) throw new Error(`the demo tenant has no ${softwareId}`);
  return { softwareId, kbs, skipped: 0, pages: 1, complete: true, ...overrides };
}

/** A missing-KBs card with the worst KB, the KB count and the software id as expected text. */
function missingKbs(
  name: string,
  result: MissingKbsResult,
  extra: readonly string[] = [],
  locale: Locale = 'en',
): CardSample {
  const worst: MissingKb | undefined = sortWorstFirst(result.kbs)[0];
  const expect = [result.softwareId, ...(worst ? [`KB${worst.id}`, worst.name] : []), ...extra];
  return { name, card: buildMissingKbsCard(result, locale), expect };
}

/** A few error cards in French: a fact set, a hint with a number, the invalid id. */
function frenchErrorSamples(): CardSample[] {
  const sample = (code: ErrorCode, expect: string[]): CardSample => ({
    name: `error-${code}-fr`,
    card: buildErrorCard(new AppError(code, `sample ${code}`, ERROR_DETAILS[code]), 'fr'),
    expect,
  });
  return [
    sample('not-found', ['Logiciel introuvable', 'ID de corrélation', 'contoso-_-nothing']),
    sample('throttled', ['Defender est surchargé', 'Réessayez dans 45 secondes.']),
    {
      name: 'invalid-id-fr',
      card: buildInvalidIdCard('../machines', 'dot-dot', 'fr'),
      expect: ['Ce n’est pas un identifiant de logiciel valide', '../machines', '/missingkbs microsoft-_-edge'],
    },
  ];
}

function errorSamples(): CardSample[] {
  return Object.entries(ERROR_DETAILS).map(([code, details]) => {
    const card = buildErrorCard(new AppError(code as ErrorCode, `sample ${code}`, details));
    const facts = [details.softwareId, details.status?.toString(), details.correlationId];
    const expect = [String(card.fallbackText), ...facts.filter((fact): fact is string => fact !== undefined)];
    return { name: `error-${code}`, card, expect };
  });
}

/** The samples, in a stable order. */
export function cardSamples(): CardSample[] {
  const invalid = checkSoftwareId('../machines');
  if (invalid.ok) throw new Error('"../machines" should be refused');
  const edge = demo('microsoft-_-edge');
  return [
    missingKbs('missing-kbs-few', edge, ['240 devices', '14 CVEs', '29', 'Missing security updates']),
    missingKbs('missing-kbs-many', demo('microsoft-_-windows_10'), ['36', '…and 21 more KBs']),
    missingKbs('missing-kbs-none', demo('google-_-chrome'), ['No missing security updates']),
    missingKbs('missing-kbs-incomplete', demo('microsoft-_-office', { complete: false, pages: 50 }), [
      'may be incomplete',
    ]),
    missingKbs('missing-kbs-skipped', { ...edge, skipped: 2 }, ['2 entries without a KB number']),
    missingKbs('missing-kbs-unreadable', demo('mozilla-_-firefox', { skipped: 1 }), [
      '0',
      '1 entry without a KB number',
    ]),
    ...frenchMissingKbsSamples(),
    ...frenchErrorSamples(),
    ...errorSamples(),
    {
      name: 'invalid-id',
      card: buildInvalidIdCard('../machines', invalid.reason),
      expect: ['That is not a valid software id', '../machines', '/missingkbs microsoft-_-edge'],
    },
    { name: 'help', card: buildHelpCard(), expect: ['Missing KBs: help', '/missingkbs microsoft-_-edge', 'Try it'] },
    {
      name: 'help-unknown-in-channel',
      card: buildHelpCard({ unknown: 'what can you do?', inChannel: true }),
      expect: ['I did not understand', 'what can you do?', '@mention me'],
    },
    { name: 'welcome', card: buildHelpCard({ welcome: true }), expect: ['Hello! I find missing security updates'] },
    {
      name: 'help-unknown-in-channel-fr',
      card: buildHelpCard({ unknown: 'bonjour', inChannel: true, locale: 'fr' }),
      expect: ['Je n’ai pas compris', 'bonjour', '/missingkbs id-du-logiciel', 'mentionnez-moi'],
    },
    {
      name: 'welcome-fr',
      card: buildHelpCard({ welcome: true, locale: 'fr' }),
      expect: ['Je trouve les mises à jour de sécurité manquantes', 'aide', 'Essayer'],
    },
    ...signInSamples(),
    ...watchSamples(),
    ...browseSamples(),
    ...alertSamples(),
  ];
}

const SIGN_IN_URL = 'https://missingkbs.contoso.com/auth/start?flow=Zm9vYmFyYmF6cXV4cXV1eA';
const ADMIN_CONSENT_URL =
  'https://login.microsoftonline.com/9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/adminconsent?client_id=3f1d2c4b-5a69-4e7f-8c1b-2a3d4e5f6a7b';

/** One sample per sign-in reason; a Record, so a new reason needs a sample. */
const SIGN_IN_SAMPLES: Record<SignInReason, Omit<CardSample, 'card'> & { input: SignInCardInput }> = {
  'consent-required': {
    name: 'sign-in-consent',
    input: {
      reason: 'consent-required',
      signInUrl: SIGN_IN_URL,
      adminConsentUrl: ADMIN_CONSENT_URL,
      upstreamCode: 'AADSTS65001',
      correlationId: CORRELATION_ID,
    },
    expect: ['Consent needed to read Defender for you', 'Sign in', 'Grant admin consent', 'AADSTS65001'],
  },
  'sign-in-required': {
    name: 'sign-in-required',
    input: { reason: 'sign-in-required', signInUrl: SIGN_IN_URL },
    expect: ['Please sign in', 'Sign in'],
  },
  'sso-failed': {
    name: 'sign-in-sso-failed',
    input: { reason: 'sso-failed', signInUrl: SIGN_IN_URL, failureCode: 'resourcematchfailed' },
    expect: ['Teams could not sign you in', 'resourcematchfailed', 'webApplicationInfo.resource'],
  },
  'verify-failed': {
    name: 'sign-in-verify-failed',
    input: { reason: 'verify-failed' },
    expect: ['Sign-in did not finish'],
  },
  'sign-in-slow': {
    name: 'sign-in-slow',
    input: { reason: 'sign-in-slow' },
    expect: ['Signing you in is taking longer than usual'],
  },
  channel: {
    name: 'sign-in-channel',
    input: {
      reason: 'channel',
      signInUrl: 'https://teams.microsoft.com/l/chat/0/0?users=28:3f1d2c4b-5a69-4e7f-8c1b-2a3d4e5f6a7b',
    },
    expect: ['Sign in once in a chat with me', 'Open a chat with me'],
  },
};

function signInSamples(): CardSample[] {
  const french: CardSample[] = [
    {
      name: 'sign-in-consent-fr',
      card: buildSignInCard({ ...SIGN_IN_SAMPLES['consent-required'].input, locale: 'fr' }),
      expect: ['Consentement nécessaire', 'Se connecter', 'Accorder le consentement administrateur', 'AADSTS65001'],
    },
    {
      name: 'sign-in-channel-fr',
      card: buildSignInCard({ ...SIGN_IN_SAMPLES.channel.input, locale: 'fr' }),
      expect: ['Connectez-vous une fois dans une conversation avec moi', 'Ouvrir une conversation avec moi'],
    },
  ];
  return [
    ...Object.values(SIGN_IN_SAMPLES).map(({ input, ...sample }) => ({ ...sample, card: buildSignInCard(input) })),
    ...french,
  ];
}

/** The missing-KBs cards in French (names end with -fr): numbers, plurals and labels of the French catalogue. */
function frenchMissingKbsSamples(): CardSample[] {
  const edge = demo('microsoft-_-edge');
  return [
    missingKbs('missing-kbs-few-fr', edge, ['240 appareils', '14 CVE', 'Mises à jour de sécurité manquantes'], 'fr'),
    missingKbs('missing-kbs-many-fr', demo('microsoft-_-windows_10'), ['…et 21 autres KB'], 'fr'),
    missingKbs('missing-kbs-none-fr', demo('google-_-chrome'), ['Aucune mise à jour de sécurité manquante'], 'fr'),
    missingKbs('missing-kbs-skipped-fr', { ...edge, skipped: 2 }, ['2 entrées sans numéro ni nom de KB'], 'fr'),
  ];
}
