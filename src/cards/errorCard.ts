/** Cards for failures: one per catalogue code, in words a SOC analyst can act on. */
import type { AppError, ErrorCode } from '../errors';
import { EXAMPLE_SOFTWARE_ID } from '../commands/softwareId';
import errorJson from '../../cards/error.json';
import { CardTemplate, counted, type AdaptiveCard } from './template';
import { codeText, plainText } from './text';

interface Fact {
  title: string;
  value: string;
}

interface ErrorData {
  title: string;
  text: string;
  hint: string;
  color: 'Attention' | 'Warning';
  facts: Fact[];
}

const template = new CardTemplate<ErrorData>(errorJson);

type Wording = (e: AppError, id: string) => Pick<ErrorData, 'title' | 'text' | 'hint'> & { color?: 'Warning' };

const WORDING: Record<ErrorCode, Wording> = {
  'bad-input': (_e, id) => ({
    title: 'Defender did not accept the request',
    text: `Defender rejected the request for ${id}.`,
    hint: `Check the software id; ids look like ${EXAMPLE_SOFTWARE_ID}.`,
  }),
  'not-found': (_e, id) => ({
    title: 'Software not found',
    text: `Defender knows no software with the id ${id}.`,
    hint: `Ids are lower case vendor-_-product, with spaces written as "_", for example ${EXAMPLE_SOFTWARE_ID} or microsoft-_-internet_explorer. The software inventory in the Microsoft Defender portal shows them.`,
  }),
  unauthorized: (e) => ({
    title: 'Defender did not accept the sign-in',
    text: 'The access token was missing, expired or meant for another API.',
    hint: `The bot needs the ${e.details.permission ?? 'Software.Read'} permission on the WindowsDefenderATP API. Ask your Teams admin to check the bot's configuration.`,
  }),
  forbidden: (e) => ({
    title: 'Not allowed',
    text: 'Defender refused to show this software to you.',
    hint: `Reading software needs the ${e.details.permission ?? 'Software.Read'} permission and a Defender role that covers the devices. Ask your Defender admin for access.`,
  }),
  'blocked-by-policy': () => ({
    title: 'Blocked by your sign-in policy',
    text: 'A Conditional Access policy of your organisation does not let this sign-in reach Defender.',
    hint: 'Ask your Entra ID admin which policy applies (device compliance, location or app approval).',
  }),
  'consent-required': () => ({
    title: 'Consent needed',
    text: 'The bot needs your consent, or your admin’s, to read Defender data for you.',
    hint: 'Sign in when asked, or ask your admin to grant consent for the organisation.',
  }),
  'sign-in-required': () => ({
    title: 'Sign-in needed again',
    text: 'Your Teams sign-in could not be used for Defender any more: it expired or was revoked.',
    hint: 'Send the command again; Teams will sign you in.',
    color: 'Warning',
  }),
  'tenant-not-allowed': () => ({
    title: 'Not available in your organisation',
    text: 'This bot answers users of the organisation that set it up, and of organisations its admin allowed.',
    hint: 'Ask your Teams admin whether your organisation can use it; nothing was sent to Defender.',
    color: 'Warning',
  }),
  throttled: (e) => ({
    title: 'Defender is busy',
    text: 'Defender is limiting how often it can be asked right now.',
    hint: retryHint(e.details.retryAfterSeconds),
    color: 'Warning',
  }),
  timeout: () => ({
    title: 'Defender did not answer in time',
    text: 'The request took too long and was stopped.',
    hint: 'Try again in a minute.',
    color: 'Warning',
  }),
  'upstream-failure': () => ({
    title: 'Defender is not available',
    text: 'Defender could not be reached or answered with an error, even after retrying.',
    hint: 'Try again in a few minutes. If it lasts, check the Microsoft 365 service health page.',
    color: 'Warning',
  }),
  'bad-response': () => ({
    title: 'Unexpected answer from Defender',
    text: 'Defender answered with something other than the documented data.',
    hint: 'Try again later. If it lasts, tell your Teams admin.',
  }),
  config: () => ({
    title: 'The bot is not set up completely',
    text: 'A setting the bot needs for this is missing.',
    hint: 'Tell your Teams admin; the bot’s log names the setting.',
  }),
  internal: () => ({
    title: 'Something went wrong',
    text: 'The bot could not complete your request.',
    hint: 'Try again. If it lasts, tell your Teams admin.',
  }),
};

function retryHint(seconds: number | undefined): string {
  if (seconds === undefined) return 'Try again in a minute.';
  if (seconds < 90) return `Try again in ${counted(seconds, 'second')}.`;
  return `Try again in about ${Math.ceil(seconds / 60)} minutes.`;
}

/** The card for an AppError; shows Defender's correlation id when there is one. */
export function buildErrorCard(error: AppError): AdaptiveCard {
  const id = plainText(error.details.softwareId ?? 'this software', 200);
  const wording = WORDING[error.code](error, id);
  const facts: Fact[] = [];
  // Fact values are markdown in Teams: an id (which may come from a card's data) keeps id characters only.
  if (error.details.softwareId) facts.push({ title: 'Software id', value: codeText(error.details.softwareId, 200) });
  if (error.details.status) facts.push({ title: 'Defender status', value: String(error.details.status) });
  if (error.details.correlationId) {
    facts.push({ title: 'Correlation id', value: codeText(error.details.correlationId, 100) });
  }
  return template.expand({ color: 'Attention', ...wording, facts });
}

/** The card for text that is not a valid software id; nothing was sent to Defender. */
export function buildInvalidIdCard(input: string, reason: string): AdaptiveCard {
  return template.expand({
    title: 'That is not a valid software id',
    text: `"${plainText(input, 100)}" cannot be a Defender software id: ${reason}.`,
    hint: `Ids are lower case vendor-_-product (letters, digits, "_", "." and "-"). Example: /missingkbs ${EXAMPLE_SOFTWARE_ID}`,
    color: 'Warning',
    facts: [],
  });
}
