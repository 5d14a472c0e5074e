/** English: the error cards, one wording per catalogue code, and the invalid-id card. */
import type { InvalidIdReason } from '../../commands/softwareId';
import type { ErrorCode } from '../../errors';
import { formatters } from '../format';

const f = formatters('en');

/** What an error's words may mention; every value is already cleaned for a card. */
export interface ErrorFacts {
  /** The software id, or "this software" when there is none. */
  readonly softwareId: string;
  /** The Defender permission involved (Software.Read by default). */
  readonly permission: string;
  /** An id as users should write it. */
  readonly example: string;
  readonly retryAfterSeconds?: number;
}

/** A fixed text, or one made from the error's facts. */
export type ErrorText = string | ((facts: ErrorFacts) => string);

/** The words of one error card. */
export interface ErrorWording {
  readonly title: string;
  readonly text: ErrorText;
  readonly hint: ErrorText;
}

export const errorsEn = {
  /** One wording per ErrorCode. */
  codes: {
    'bad-input': {
      title: 'Defender did not accept the request',
      text: ({ softwareId }: ErrorFacts) => `Defender rejected the request for ${softwareId}.`,
      hint: ({ example }: ErrorFacts) => `Check the software id; ids look like ${example}.`,
    },
    'not-found': {
      title: 'Software not found',
      text: ({ softwareId }: ErrorFacts) => `Defender knows no software with the id ${softwareId}.`,
      hint: ({ example }: ErrorFacts) =>
        `Ids are lower case vendor-_-product, with spaces written as "_", for example ${example} or microsoft-_-internet_explorer. The software inventory in the Microsoft Defender portal shows them.`,
    },
    unauthorized: {
      title: 'Defender did not accept the sign-in',
      text: 'The access token was missing, expired or meant for another API.',
      hint: ({ permission }: ErrorFacts) =>
        `The bot needs the ${permission} permission on the WindowsDefenderATP API. Ask your Teams admin to check the bot's configuration.`,
    },
    forbidden: {
      title: 'Not allowed',
      text: 'Defender refused to show this software to you.',
      hint: ({ permission }: ErrorFacts) =>
        `Reading software needs the ${permission} permission and a Defender role that can read vulnerability data for the devices ("View data > Defender Vulnerability Management", or "Security posture > Vulnerability management" under Microsoft Defender XDR unified RBAC). Ask your Defender admin for access.`,
    },
    'blocked-by-policy': {
      title: 'Blocked by your sign-in policy',
      text: 'A Conditional Access policy of your organisation does not let this sign-in reach Defender.',
      hint: 'Ask your Entra ID admin which policy applies (device compliance, location or app approval).',
    },
    'consent-required': {
      title: 'Consent needed',
      text: 'The bot needs your consent, or your admin’s, to read Defender data for you.',
      hint: 'Sign in when asked, or ask your admin to grant consent for the organisation.',
    },
    'admin-consent-required': {
      title: 'Admin consent needed in your organisation',
      text: 'Alerts are read with the bot’s organisation-wide (app-only) access, which an admin of your organisation has not granted yet.',
      hint: 'Ask an admin of your organisation to grant admin consent to the bot, then send the command again.',
    },
    'sign-in-required': {
      title: 'Sign-in needed again',
      text: 'Your Teams sign-in could not be used for Defender any more: it expired or was revoked.',
      hint: 'Send the command again; Teams will sign you in.',
    },
    'tenant-not-allowed': {
      title: 'Not available in your organisation',
      text: 'This bot answers users of the organisation that set it up, and of organisations its admin allowed.',
      hint: 'Ask your Teams admin whether your organisation can use it; nothing was sent to Defender.',
    },
    throttled: {
      title: 'Defender is busy',
      text: 'Defender is limiting how often it can be asked right now.',
      hint: ({ retryAfterSeconds: s }: ErrorFacts) => {
        if (s === undefined) return 'Try again in a minute.';
        if (s < 90) return `Try again in ${f.plural(s, 'second', 'seconds')}.`;
        return `Try again in about ${f.number(Math.ceil(s / 60))} minutes.`;
      },
    },
    timeout: {
      title: 'Defender did not answer in time',
      text: 'The request took too long and was stopped.',
      hint: 'Try again in a minute.',
    },
    'upstream-failure': {
      title: 'Defender is not available',
      text: 'Defender could not be reached or answered with an error, even after retrying.',
      hint: 'Try again in a few minutes. If it lasts, check the Microsoft 365 service health page.',
    },
    'bad-response': {
      title: 'Unexpected answer from Defender',
      text: 'Defender answered with something other than the documented data.',
      hint: 'Try again later. If it lasts, tell your Teams admin.',
    },
    config: {
      title: 'The bot is not set up completely',
      text: 'A setting the bot needs for this is missing.',
      hint: 'Tell your Teams admin; the bot’s log names the setting.',
    },
    internal: {
      title: 'Something went wrong',
      text: 'The bot could not complete your request.',
      hint: 'Try again. If it lasts, tell your Teams admin.',
    },
  } satisfies Record<ErrorCode, ErrorWording>,
  /** Shown for the software id when an error has none. */
  thisSoftware: 'this software',
  /** Titles of the facts under an error. */
  facts: { softwareId: 'Software id', status: 'Defender status' },
  /** Text that cannot be a software id; nothing was sent to Defender. */
  invalidId: {
    title: 'That is not a valid software id',
    text: (input: string, reason: string) => `"${input}" cannot be a Defender software id: ${reason}.`,
    hint: (example: string) =>
      `Ids are lower case vendor-_-product (letters, digits, "_", "." and "-"). Example: /missingkbs ${example}`,
  },
  /** Why a text is not a software id; read after "cannot be a Defender software id:". */
  invalidIdReasons: {
    empty: 'no software id was given',
    'too-long': (max: number) => `it is longer than ${f.number(max)} characters`,
    control: 'it contains spaces or control characters',
    'dot-dot': 'it contains ".."',
    characters: 'only letters, digits, "_", "." and "-" are allowed',
    shape: 'it is not of the form vendor-_-product',
  } satisfies Record<InvalidIdReason, string | ((max: number) => string)>,
};
