/** The help card, also the welcome card when the bot is installed. */
import helpJson from '../../cards/help.json';
import { CardTemplate, type AdaptiveCard } from './template';
import { plainText } from './text';

interface HelpData {
  title: string;
  unknown: string;
  scopeHint: string;
}

const template = new CardTemplate<HelpData>(helpJson);

/** Options of the help card. */
export interface HelpCardOptions {
  /** Installed just now: greet instead of "Help". */
  readonly welcome?: boolean;
  /** What the user wrote that was not a command. */
  readonly unknown?: string;
  /** In a channel or group chat, users must @mention the bot. */
  readonly inChannel?: boolean;
}

/** Builds the help (or welcome) card. */
export function buildHelpCard(options: HelpCardOptions = {}): AdaptiveCard {
  return template.expand({
    title: options.welcome ? 'Hello! I find missing security updates' : 'Missing KBs: help',
    unknown: options.unknown ? plainText(options.unknown, 80) : '',
    scopeHint: options.inChannel
      ? 'In a channel or group chat, @mention me before the command.'
      : 'You see only what your Defender role allows.',
  });
}
