/** Cards about signing in: consent needed, silent sign-in impossible, SSO misconfigured. */
import signInJson from '../../cards/signIn.json';
import { CardTemplate, type AdaptiveCard } from './template';
import { codeText } from './text';

/** Why the user sees a sign-in card. */
export type SignInReason = 'consent-required' | 'sign-in-required' | 'sso-failed' | 'verify-failed' | 'channel';

/** What the card needs: the bot's consent page and, for admins, the tenant-wide consent URL. */
export interface SignInCardInput {
  readonly reason: SignInReason;
  readonly signInUrl?: string;
  readonly adminConsentUrl?: string;
  /** Teams' failure code from `signin/failure`, e.g. resourcematchfailed. */
  readonly failureCode?: string;
  /** Entra ID's error code (AADSTS…), for the admin. */
  readonly upstreamCode?: string;
  readonly correlationId?: string;
}

interface SignInData {
  buttonTitle: string;
  title: string;
  text: string;
  adminHint: string;
  color: 'Default' | 'Warning';
  signInUrl: string;
  adminConsentUrl: string;
  facts: { title: string; value: string }[];
}

const template = new CardTemplate<SignInData>(signInJson);

const WORDING: Record<SignInReason, Pick<SignInData, 'title' | 'text' | 'adminHint'>> = {
  'consent-required': {
    title: 'Consent needed to read Defender for you',
    text: 'Sign in once and accept the permission "Read Threat and Vulnerability Management Software information". Your command runs as soon as you are done.',
    adminHint: 'grant consent for the whole organisation once, and nobody is asked again.',
  },
  'sign-in-required': {
    title: 'Please sign in',
    text: 'Teams could not sign you in silently. Sign in, and your command runs as soon as you are done.',
    adminHint: '',
  },
  'sso-failed': {
    title: 'Teams could not sign you in',
    text: 'Single sign-on is not set up correctly for this bot. You can still sign in with the button.',
    adminHint:
      "the app manifest's webApplicationInfo.resource must equal the Application ID URI of the bot's app registration (api://botid-{app id}), with the access_as_user scope and the Teams clients pre-authorized.",
  },
  channel: {
    title: 'Sign in once in a chat with me',
    text: 'Teams cannot sign you in inside a channel. Open a chat with me and send /missingkbs there once; after that, mention me here again and I answer with your Defender access.',
    adminHint: '',
  },
  'verify-failed': {
    title: 'Sign-in did not finish',
    text: 'The sign-in window closed before the bot got your sign-in. Send your command again.',
    adminHint: '',
  },
};

/** The sign-in card for `input.reason`. */
export function buildSignInCard(input: SignInCardInput): AdaptiveCard {
  const facts: SignInData['facts'] = [];
  // Teams renders markdown in fact values, and the codes come from outside: keep code characters only.
  if (input.failureCode) facts.push({ title: 'Teams code', value: codeText(input.failureCode, 60) });
  if (input.upstreamCode) facts.push({ title: 'Entra ID code', value: codeText(input.upstreamCode, 60) });
  if (input.correlationId) facts.push({ title: 'Correlation id', value: codeText(input.correlationId, 100) });
  const wording = WORDING[input.reason];
  const card = template.expand({
    ...wording,
    buttonTitle: input.reason === 'channel' ? 'Open a chat with me' : 'Sign in',
    adminHint: input.adminConsentUrl || input.reason !== 'consent-required' ? wording.adminHint : '',
    color: ['consent-required', 'sign-in-required', 'channel'].includes(input.reason) ? 'Default' : 'Warning',
    signInUrl: input.signInUrl ?? '',
    adminConsentUrl: input.reason === 'consent-required' ? (input.adminConsentUrl ?? '') : '',
    facts,
  });
  // A card without buttons has no actions at all (an empty list is not valid Adaptive Card JSON).
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card;
}
