/** The one way the bot wraps an Adaptive Card into a Teams message. */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/template';

/** A message carrying `card` (and, optionally, text above it). */
export function cardMessage(card: AdaptiveCard | Record<string, unknown>, text?: string): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card), text);
}
