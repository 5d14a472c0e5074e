/** End to end over HTTP: the bot answers in the language of the activity (fr-FR → French), English otherwise. */
import assert from 'node:assert/strict';
import { cardOf, cardText, startBot, teamsActivity, type RunningBot } from '../support/harness';

/** A Teams activity sent with `locale` (as Teams does, on the activity and in the client info entity); none if undefined. */
function withLocale(activity: Record<string, any>, locale: string | undefined): Record<string, any> {
  if (locale === undefined) delete activity.locale;
  else activity.locale = locale;
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'clientInfo') {
      if (locale === undefined) delete entity.locale;
      else entity.locale = locale;
    }
  }
  return activity;
}

describe('languages (demo tenant, real server)', () => {
  let bot: RunningBot;

  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());
  beforeEach(() => bot.connector.sent.splice(0));

  /** Sends `text` from a 1:1 chat in `locale` and gives the reply card's text. */
  async function ask(text: string, locale: string | undefined, fixture = 'personal-message'): Promise<string> {
    bot.connector.sent.splice(0);
    assert.equal(await bot.post(withLocale(teamsActivity(fixture, bot.connector.serviceUrl, text), locale)), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    const card = cardOf(reply.activity);
    assert.ok(card, 'the reply is a card');
    return `${String(card.fallbackText)}\n${cardText(card)}`;
  }

  it('answers fr-FR users with the French missing-KBs card, numbers and plurals', async () => {
    const text = await ask('/missingkbs microsoft-_-edge', 'fr-FR');
    for (const expected of [
      'Mises à jour de sécurité manquantes',
      'KB4540673',
      '240 appareils',
      '14 CVE',
      'appareils sans le KB le plus répandu',
      '3 KB manquants pour microsoft-_-edge',
    ]) {
      assert.ok(text.includes(expected), `French card shows ${expected}:\n${text}`);
    }
    assert.doesNotMatch(text, /Missing security updates|devices/);
  });

  it('answers fr-CA in French too: error cards, "aide", and unknown text', async () => {
    assert.match(await ask('/missingkbs contoso-_-nothing', 'fr-CA'), /Logiciel introuvable/);
    const help = await ask('aide', 'fr-CA');
    assert.ok(help.includes('KB manquants\u00a0: aide') && help.includes('/missingkbs id-du-logiciel'), help);
    assert.match(await ask('bonjour', 'fr-FR'), /Je n’ai pas compris[\s\S]*bonjour/);
  });

  it('welcomes a French team in French', async () => {
    const activity = withLocale(teamsActivity('installation-update-add', bot.connector.serviceUrl), 'fr-FR');
    assert.equal(await bot.post(activity), 200);
    const [welcome] = await bot.connector.waitForMessages(1);
    assert.match(
      cardText(cardOf(welcome.activity)),
      /Bonjour\u202f! Je trouve les mises à jour de sécurité manquantes/,
    );
  });

  for (const locale of ['en-US', 'de-DE', undefined]) {
    it(`answers ${locale ?? 'a missing locale'} in English (the fallback), French help words included`, async () => {
      const kbs = await ask('/missingkbs microsoft-_-edge', locale);
      assert.ok(kbs.includes('Missing security updates') && kbs.includes('240 devices'), kbs);
      assert.match(await ask('aide', locale), /Missing KBs: help/);
    });
  }
});
