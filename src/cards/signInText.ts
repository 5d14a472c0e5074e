/** The words of sign-in outside cards: the consent pages, the OAuthCard and short messages. */

/** A page for the browser: a short title and message, never a stack trace or a token. */
export interface ConsentPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

/** The consent pages (`/auth/start`, `/auth/callback`), by outcome. */
export const CONSENT_PAGES = {
  done: {
    status: 200,
    title: 'You are signed in',
    message: 'Your answer is on its way in Teams. You can close this window.',
  },
  doneSendAgain: {
    status: 200,
    title: 'You are signed in',
    message: 'Go back to Teams and send your command again. You can close this window.',
  },
  expired: {
    status: 400,
    title: 'This sign-in link has expired',
    message: 'Go back to Teams and send your command again to get a new one.',
  },
  declined: {
    status: 403,
    title: 'Consent was not given',
    message:
      'The bot can read Defender for you only with your consent, or your admin’s. Ask your admin to grant consent for the organisation, then send your command again.',
  },
  wrongUser: {
    status: 403,
    title: 'Signed in with another account',
    message: 'Sign in with the same account you use in Teams. Go back to Teams and send your command again.',
  },
  otherBrowser: {
    status: 400,
    title: 'Finish signing in where you started',
    message:
      'This sign-in was started in another browser or window. Go back to Teams and press the sign-in button again.',
  },
  unavailable: {
    status: 502,
    title: 'Sign-in is not available right now',
    message: 'Microsoft Entra ID could not be reached. Try again in a few minutes.',
  },
  failed: {
    status: 500,
    title: 'Something went wrong',
    message: 'Go back to Teams and try again.',
  },
} satisfies Record<string, ConsentPage>;

/** The OAuthCard that asks Teams for the user's SSO token. */
export const OAUTH_CARD = { title: 'Sign in', text: 'Sign in so that the bot can read Microsoft Defender for you.' };

/** Said when a sign-in completes but the command that asked for it is gone (a restart, or it expired). */
export const SIGNED_IN_SEND_AGAIN = 'You are signed in. Send your command again.';

/** Said above an answer in a channel or group chat: whose Defender access it used. */
export function answeredWithAccessOf(name: string | undefined): string {
  const clean =
    (name ?? '')
      .replace(/[^\p{L}\p{N} .'-]/gu, '')
      .trim()
      .slice(0, 80) || 'the asking user';
  return `Looked up with ${clean}'s Defender access.`;
}
