/** The words of sign-in outside cards: the consent pages, the OAuthCard and short messages, per language. */
import { catalogue, DEFAULT_LOCALE, type Locale } from '../i18n';
import type { ConsentPageKey } from '../i18n/en/signIn';

export type { ConsentPageKey } from '../i18n/en/signIn';

/** A page for the browser: a short title and message, never a stack trace or a token. */
export interface ConsentPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
  /** The page's language (English when absent). */
  readonly locale?: Locale;
  /** Which page it is: the reason the page gives Teams (notifyFailure) when the sign-in did not work. */
  readonly key?: ConsentPageKey;
  /** Set when the sign-in worked: the code the page gives Teams (notifySuccess). */
  readonly result?: string;
  /** The button that closes the sign-in window in Teams after a failure (notifyFailure). */
  readonly closeLabel?: string;
}

/** The HTTP status of each consent page. */
const STATUS: Record<ConsentPageKey, number> = {
  done: 200,
  doneSendAgain: 200,
  expired: 400,
  declined: 403,
  wrongUser: 403,
  otherBrowser: 400,
  unavailable: 502,
  failed: 500,
};

/** A consent page (`/auth/start`, `/auth/callback`) in `locale`. */
export function consentPage(key: ConsentPageKey, locale: Locale = DEFAULT_LOCALE): ConsentPage {
  const t = catalogue(locale).signIn;
  return { status: STATUS[key], ...t.pages[key], locale, key, closeLabel: t.backToTeams };
}

/** The OAuthCard's title and text, asking Teams for the user's SSO token. */
export function oauthCardText(locale: Locale = DEFAULT_LOCALE): { readonly title: string; readonly text: string } {
  return catalogue(locale).signIn.oauthCard;
}

/** Said when a sign-in completes but the command that asked for it is gone (a restart, or it expired). */
export function signedInSendAgain(locale: Locale = DEFAULT_LOCALE): string {
  return catalogue(locale).signIn.signedInSendAgain;
}

/** Said above an answer in a channel or group chat: whose Defender access it used. */
export function answeredWithAccessOf(name: string | undefined, locale: Locale = DEFAULT_LOCALE): string {
  const t = catalogue(locale).signIn;
  const clean =
    (name ?? '')
      .replace(/[^\p{L}\p{N} .'-]/gu, '')
      .trim()
      .slice(0, 80) || t.theAskingUser;
  return t.answeredWithAccessOf(clean);
}
