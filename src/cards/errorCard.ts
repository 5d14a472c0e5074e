/** Cards for failures: one per catalogue code, in words a SOC analyst can act on, in the user's language. */
import type { AppError, ErrorCode } from '../errors';
import { EXAMPLE_SOFTWARE_ID, MAX_SOFTWARE_ID_LENGTH, type InvalidIdReason } from '../commands/softwareId';
import { catalogue, DEFAULT_LOCALE, type Locale } from '../i18n';
import type { ErrorFacts, ErrorText } from '../i18n/en/errors';
import errorJson from '../../cards/error.json';
import { CardTemplate, type AdaptiveCard } from './template';
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

/** Codes the user can wait out or fix by asking again: a warning, not an alert. */
const WARNINGS: ReadonlySet<ErrorCode> = new Set([
  'sign-in-required',
  'tenant-not-allowed',
  'throttled',
  'timeout',
  'upstream-failure',
]);

function words(text: ErrorText, facts: ErrorFacts): string {
  return typeof text === 'function' ? text(facts) : text;
}

/** The card for an AppError, in `locale`; shows Defender's correlation id when there is one. */
export function buildErrorCard(error: AppError, locale: Locale = DEFAULT_LOCALE): AdaptiveCard {
  const { common, errors: t } = catalogue(locale);
  const id = plainText(error.details.softwareId ?? t.thisSoftware, 200);
  const facts: ErrorFacts = {
    softwareId: id,
    permission: error.details.permission ?? 'Software.Read',
    example: EXAMPLE_SOFTWARE_ID,
    retryAfterSeconds: error.details.retryAfterSeconds,
  };
  const wording = t.codes[error.code];
  const shown: Fact[] = [];
  // Fact values are markdown in Teams: an id (which may come from a card's data) keeps id characters only.
  if (error.details.softwareId) {
    shown.push({ title: t.facts.softwareId, value: codeText(error.details.softwareId, 200) });
  }
  if (error.details.status) shown.push({ title: t.facts.status, value: String(error.details.status) });
  if (error.details.correlationId) {
    shown.push({ title: common.correlationId, value: codeText(error.details.correlationId, 100) });
  }
  return template.expand({
    title: wording.title,
    text: words(wording.text, facts),
    hint: words(wording.hint, facts),
    color: WARNINGS.has(error.code) ? 'Warning' : 'Attention',
    facts: shown,
  });
}

/** The reason a text is not a software id, in `locale`. */
export function invalidIdReason(reason: InvalidIdReason, locale: Locale = DEFAULT_LOCALE): string {
  const text = catalogue(locale).errors.invalidIdReasons[reason];
  return typeof text === 'function' ? text(MAX_SOFTWARE_ID_LENGTH) : text;
}

/** The card for text that is not a valid software id, in `locale`; nothing was sent to Defender. */
export function buildInvalidIdCard(
  input: string,
  reason: InvalidIdReason,
  locale: Locale = DEFAULT_LOCALE,
): AdaptiveCard {
  const t = catalogue(locale).errors.invalidId;
  return template.expand({
    title: t.title,
    text: t.text(plainText(input, 100), invalidIdReason(reason, locale)),
    hint: t.hint(EXAMPLE_SOFTWARE_ID),
    color: 'Warning',
    facts: [],
  });
}
