/**
 * End to end over HTTP: Teams-shaped activities into the real restify server, cards out to a fake Bot Connector;
 * answers in the language of the activity (fr-* in French), English otherwise.
 */
import assert from 'node:assert/strict';
import { message } from '../support/browse';
import { cardOf, cardText, startBot, teamsActivity, type RunningBot } from '../support/harness';

describe('conversation (demo tenant, real server)', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());
  beforeEach(() => bot.connector.sent.splice(0));

  const activity = (fixture: string, text?: string): Record<string, any> =>
    teamsActivity(fixture, bot.connector.serviceUrl, text);
  /** Posts an activity and gives the text of the one reply (its card's fallback text, then the card's). */
  async function reply(sent: Record<string, any>): Promise<string> {
    bot.connector.sent.splice(0);
    assert.equal(await bot.post(sent), 200);
    const card = cardOf((await bot.connector.waitForMessages(1))[0].activity);
    return `${String(card?.fallbackText)}\n${cardText(card)}`;
  }
  /** Waits a little, then checks that only `n` messages were sent. */
  async function onlySent(n: number): Promise<void> {
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(bot.connector.messages().length, n);
  }

  for (const [fixture, text] of [
    ['personal-message', '/missingkbs microsoft-_-edge'],
    ['channel-message-mention', 'MissingKBs microsoft-_-EDGE.'],
    ['group-chat-message-mention', '/missingkbs microsoft-_-edge'],
  ]) {
    it(`answers ${fixture} with the missing-KBs card, as a reply in the thread`, async () => {
      const sent = activity(fixture, text);
      assert.equal(await bot.post(sent), 200);
      const [answer] = await bot.connector.waitForMessages(1);
      assert.equal(answer.conversationId, sent.conversation.id);
      if (fixture.startsWith('channel')) assert.match(answer.conversationId, /;messageid=/);
      assert.equal(answer.replyToId, sent.id);
      assert.equal(answer.activity.replyToId, sent.id);
      // Edge's card; its words and version are the missing-kbs-few sample's (test/cards/fixtures.test.ts).
      assert.ok(cardText(cardOf(answer.activity)).includes('KB4540673'));
    });
  }

  it('stays responsive when a message is full of mention tags', async () => {
    const started = Date.now();
    assert.equal(
      await bot.post(activity('personal-message', '<at>'.repeat(50000) + ' /missingkbs microsoft-_-edge')),
      200,
    );
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    await bot.connector.waitForMessages(1);
  });

  it('shows the help card for help, an empty message and an unknown command, with no typing', async () => {
    for (const text of ['help', '', 'what can you do?']) {
      const shown = await reply(activity('personal-message', text));
      assert.ok(shown.includes('/missingkbs microsoft-_-edge'), `help for "${text}"`);
      if (text) assert.ok(shown.includes(text === 'help' ? 'Missing KBs: help' : text));
    }
    assert.equal(bot.connector.sent.filter((s) => s.activity.type === 'typing').length, 0);
  });

  it('posts one welcome card when installed, however many install events arrive, and none for other members', async () => {
    const install = activity('installation-update-add');
    const added = activity('conversation-update-bot-added-to-team');
    added.conversation.id = install.conversation.id;
    added.recipient = install.recipient;
    added.membersAdded = [{ id: install.recipient.id }];
    assert.equal(await bot.post(install), 200);
    assert.equal(await bot.post(added), 200);
    const [welcome] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(welcome.activity)).includes('Hello'));
    assert.equal(await bot.post(activity('conversation-update-user-added')), 200);
    await onlySent(1);
  });

  it('stays silent when the bot is uninstalled or upgraded, and on reactions', async () => {
    const [remove, upgrade] = [activity('installation-update-add'), activity('installation-update-add')];
    remove.action = 'remove';
    upgrade.action = 'add-upgrade';
    const reaction = activity('personal-message');
    reaction.type = 'messageReaction';
    reaction.reactionsAdded = [{ type: 'like' }];
    delete reaction.text;
    for (const sent of [remove, upgrade, reaction]) assert.equal(await bot.post(sent), 200);
    await onlySent(0);
  });

  it('runs the command of the help card’s "Try it" button (Action.Submit data, no text), and ignores other data', async () => {
    await bot.post(activity('personal-message', 'help'));
    const [help] = await bot.connector.waitForMessages(1);
    const submit = activity('channel-message-mention');
    delete submit.text;
    submit.entities = [];
    submit.value = cardOf(help.activity)!.actions[0].data;
    assert.match(await reply(submit), /KB4540673/);
    const nested = activity('personal-message');
    delete nested.text;
    nested.value = { command: { nested: '/missingkbs microsoft-_-edge' } };
    assert.match(await reply(nested), /Missing KBs: help/);
  });

  it('answers GET /healthz with version, mode and uptime, and 404 to POST /api/notify without NOTIFY_SECRET', async () => {
    const body = (await (await fetch(`${bot.url}/healthz`)).json()) as Record<string, unknown>;
    assert.deepEqual(
      [body.status, body.mode, typeof body.version, typeof body.uptimeSeconds],
      ['ok', 'demo', 'string', 'number'],
    );
    const headers = { 'content-type': 'application/json' };
    const notify = await fetch(`${bot.url}/api/notify`, { method: 'POST', headers, body: '{}' });
    assert.equal(notify.status, 404);
    await notify.arrayBuffer();
  });

  it('answers 400 to a POST /api/messages that is not an activity, and to a body that is not JSON', async () => {
    const noRecipient = JSON.stringify({
      type: 'message',
      serviceUrl: bot.connector.serviceUrl,
      conversation: { id: 'a' },
    });
    for (const body of ['{}', '[]', '"text"', '{"type": 5}', '{bad', noRecipient]) {
      const headers = { 'content-type': 'application/json' };
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
      assert.equal(res.status, 400, body);
    }
    assert.equal(bot.connector.sent.length, 0);
  });

  describe('languages', () => {
    // The activity's locale reaches the answer; which locales are French is test/i18n/locale.test.ts's.
    const cases: [string, string, RegExp][] = [
      [
        'fr-FR',
        '/missingkbs microsoft-_-edge',
        /3 KB manquants pour microsoft-_-edge[\s\S]*KB4540673[\s\S]*240 appareils/,
      ],
      ['fr-CA', 'aide', /KB manquants\u00a0: aide[\s\S]*\/missingkbs id-du-logiciel/],
    ];
    for (const [locale, text, shows] of cases) {
      it(`answers "${text}" from ${locale} in French`, async () => {
        const answer = await reply(message(bot, text, locale));
        assert.match(answer, shows);
        assert.doesNotMatch(answer, /Missing security updates|devices/);
      });
    }

    it('welcomes a French team in French', async () => {
      const install = activity('installation-update-add');
      install.locale = 'fr-FR';
      assert.equal(await bot.post(install), 200);
      const [welcome] = await bot.connector.waitForMessages(1);
      assert.match(
        cardText(cardOf(welcome.activity)),
        /Bonjour\u202f! Je trouve les mises à jour de sécurité manquantes/,
      );
    });
  });
});
