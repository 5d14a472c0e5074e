/** English: signing in (cards, the OAuthCard, the consent pages) and whose access answered. */
import type { SignInReason } from '../../auth/types';

/** The words of one sign-in card. */
interface SignInWording {
  readonly title: string;
  readonly text: string;
  /** After "For admins:"; empty when admins have nothing to do. */
  readonly adminHint: string;
}

export const signInEn = {
  /** One card per reason to sign in. */
  reasons: {
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
    'sign-in-slow': {
      title: 'Signing you in is taking longer than usual',
      text: 'Microsoft Entra ID is slow to answer. Your command runs as soon as your sign-in completes; if no answer comes within a minute, send it again.',
      adminHint: '',
    },
  } satisfies Record<SignInReason, SignInWording>,
  /** Fixed texts of the sign-in card (bound into cards/signIn.json as `labels`). */
  labels: {
    forAdmins: 'For admins: ',
    adminConsent: 'Grant admin consent',
  },
  /** The card's fallback text. */
  fallback: (title: string, text: string) => `${title}: ${text}`,
  buttons: { signIn: 'Sign in', openChat: 'Open a chat with me' },
  facts: { teamsCode: 'Teams code', entraCode: 'Entra ID code' },
  /** The OAuthCard that asks Teams for the user's SSO token. */
  oauthCard: { title: 'Sign in', text: 'Sign in so that the bot can read Microsoft Defender for you.' },
  /** Said when a sign-in completes but the command that asked for it is gone. */
  signedInSendAgain: 'You are signed in. Send your command again.',
  /** Said above an answer in a channel or group chat: whose Defender access it used. */
  answeredWithAccessOf: (name: string) => `Looked up with ${name}'s Defender access.`,
  /** The name used when Teams gives none. */
  theAskingUser: 'the asking user',
  /** The button that closes the sign-in window in Teams after a failure. */
  backToTeams: 'Back to Teams',
  /** The consent pages (`/auth/start`, `/auth/callback`), by outcome. */
  pages: {
    done: { title: 'You are signed in', message: 'Your answer is on its way in Teams. You can close this window.' },
    doneSendAgain: {
      title: 'You are signed in',
      message: 'Go back to Teams and send your command again. You can close this window.',
    },
    expired: {
      title: 'This sign-in link has expired',
      message: 'Go back to Teams and send your command again to get a new one.',
    },
    declined: {
      title: 'Consent was not given',
      message:
        'The bot can read Defender for you only with your consent, or your admin’s. Ask your admin to grant consent for the organisation, then send your command again.',
    },
    wrongUser: {
      title: 'Signed in with another account',
      message: 'Sign in with the same account you use in Teams. Go back to Teams and send your command again.',
    },
    otherBrowser: {
      title: 'Finish signing in where you started',
      message:
        'This sign-in was started in another browser or window. Go back to Teams and press the sign-in button again.',
    },
    unavailable: {
      title: 'Sign-in is not available right now',
      message: 'Microsoft Entra ID could not be reached. Try again in a few minutes.',
    },
    failed: { title: 'Something went wrong', message: 'Go back to Teams and try again.' },
  },
};

/** The consent pages there are. */
export type ConsentPageKey = keyof typeof signInEn.pages;
