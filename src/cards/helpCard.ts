/** The help card, also the welcome card when the bot is installed, in the user's language. */
import helpJson from '../../cards/help.json';
import { commandFor, EXAMPLE_SOFTWARE_ID } from '../commands/softwareId';
import { catalogue, DEFAULT_LOCALE, type Catalogue, type Locale } from '../i18n';
import { CardTemplate, type AdaptiveCard } from './template';
import { plainText } from './text';

interface HelpData {
  labels: Catalogue['help']['labels'];
  title: string;
  fallback: string;
  unknown: string;
  commands: { title: string; value: string }[];
  exampleCommand: string;
  scopeHint: string;
  tryIt: string;
}

const template = new CardTemplate<HelpData>(helpJson);

/** The command the card shows and its button runs. */
const EXAMPLE_COMMAND = commandFor(EXAMPLE_SOFTWARE_ID);

/** Options of the help card. */
export interface HelpCardOptions {
  /** Installed just now: greet instead of "Help". */
  readonly welcome?: boolean;
  /** What the user wrote that was not a command. */
  readonly unknown?: string;
  /** In a channel or group chat, users must @mention the bot. */
  readonly inChannel?: boolean;
  /** The user's language (English by default). */
  readonly locale?: Locale;
}

/** Builds the help (or welcome) card. */
export function buildHelpCard(options: HelpCardOptions = {}): AdaptiveCard {
  const t = catalogue(options.locale ?? DEFAULT_LOCALE).help;
  return template.expand({
    labels: t.labels,
    title: options.welcome ? t.welcomeTitle : t.title,
    fallback: t.fallback(EXAMPLE_SOFTWARE_ID),
    unknown: options.unknown ? plainText(options.unknown, 80) : '',
    commands: Object.values(t.commands),
    exampleCommand: EXAMPLE_COMMAND,
    scopeHint: options.inChannel ? t.scopeChannel : t.scopePersonal,
    tryIt: t.tryIt(EXAMPLE_SOFTWARE_ID),
  });
}
