/** Cards about signing in: consent needed, silent sign-in impossible, SSO misconfigured. */
import signInJson from '../../cards/signIn.json';
import { catalogue, DEFAULT_LOCALE, type Catalogue, type Locale } from '../i18n';
import type { SignInReason } from '../auth/types';
import { CardTemplate, type AdaptiveCard } from './template';
import { codeText } from './text';

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
  /** The user's language (English by default). */
  readonly locale?: Locale;
}

interface SignInData {
  labels: Catalogue['signIn']['labels'];
  buttonTitle: string;
  fallback: string;
  title: string;
  text: string;
  adminHint: string;
  color: 'Default' | 'Warning';
  signInUrl: string;
  adminConsentUrl: string;
  facts: { title: string; value: string }[];
}

const template = new CardTemplate<SignInData>(signInJson);

/** The sign-in card for `input.reason`. */
export function buildSignInCard(input: SignInCardInput): AdaptiveCard {
  const { common, signIn: t } = catalogue(input.locale ?? DEFAULT_LOCALE);
  const facts: SignInData['facts'] = [];
  // Teams renders markdown in fact values, and the codes come from outside: keep code characters only.
  if (input.failureCode) facts.push({ title: t.facts.teamsCode, value: codeText(input.failureCode, 60) });
  if (input.upstreamCode) facts.push({ title: t.facts.entraCode, value: codeText(input.upstreamCode, 60) });
  if (input.correlationId) facts.push({ title: common.correlationId, value: codeText(input.correlationId, 100) });
  const wording = t.reasons[input.reason];
  const card = template.expand({
    ...wording,
    labels: t.labels,
    fallback: t.fallback(wording.title, wording.text),
    buttonTitle: input.reason === 'channel' ? t.buttons.openChat : t.buttons.signIn,
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
