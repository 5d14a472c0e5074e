/** Helpers for the browse end-to-end tests: asking the bot, pressing card buttons, reading entries. */
import { ofType } from './cards';
import { cardOf, teamsActivity, type RunningBot } from './harness';
import { postActivity } from './http';

/** A Teams message in `locale` (en-US in the fixture). */
export function message(bot: RunningBot, text: string, locale = 'en-US'): Record<string, any> {
  const activity = teamsActivity('personal-message', bot.connector.serviceUrl, text);
  activity.locale = locale;
  for (const entity of activity.entities ?? []) if (entity.type === 'clientInfo') entity.locale = locale;
  return activity;
}

/** Posts `activity` and gives the card of the reply (to `what`). */
async function replyCard(bot: RunningBot, activity: object, what: string): Promise<Record<string, any>> {
  bot.connector.sent.splice(0);
  await bot.post(activity);
  const [reply] = await bot.connector.waitForMessages(1);
  const card = cardOf(reply.activity);
  if (!card) throw new Error(`no card in the reply to ${what}`);
  return card;
}

/** Sends `text` and gives the card of the reply. */
export function ask(bot: RunningBot, text: string, locale?: string): Promise<Record<string, any>> {
  return replyCard(bot, message(bot, text, locale), text);
}

/** Presses an Action.Submit button as Teams does: a message activity without text whose `value` is the button's data. Gives the card of the reply. */
export function press(bot: RunningBot, action: Record<string, any>, locale?: string): Promise<Record<string, any>> {
  const activity = message(bot, '', locale);
  delete activity.text;
  activity.value = action.data;
  return replyCard(bot, activity, 'the button');
}

/** The Action.Submit buttons of a card (not the fallbacks of Action.Execute buttons), by the command they send. */
export function commandButtons(card: unknown): Map<string, Record<string, any>> {
  const fallbacks = new Set(ofType(card, 'Action.Execute').map((a) => a.fallback));
  return new Map(
    ofType(card, 'Action.Submit')
      .filter((a) => !fallbacks.has(a))
      .map((a: Record<string, any>) => [a.data?.command as string, a]),
  );
}

/** The Action.Execute buttons of a card, by title. */
export function executeButtons(card: unknown): Map<string, Record<string, any>> {
  return new Map(ofType(card, 'Action.Execute').map((a: Record<string, any>) => [a.title as string, a]));
}

/** An `adaptiveCard/action` invoke (documented fixture) pressing `button` (its verb and data). */
export function actionInvoke(
  serviceUrl: string,
  button: { verb?: unknown; data?: unknown },
  fixture = 'adaptive-card-action',
): Record<string, any> {
  const activity = teamsActivity(fixture, serviceUrl);
  activity.value.action = { ...activity.value.action, verb: button.verb, data: button.data };
  return activity;
}

/** POSTs an activity to the bot and gives the HTTP status and the parsed invoke answer. */
export async function postInvoke(
  url: string,
  activity: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, any> }> {
  const { status, text } = await postActivity(url, activity, headers);
  return { status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}
