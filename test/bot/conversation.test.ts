/** End to end over HTTP: Teams-shaped activities into the real restify server, cards out to a fake Bot Connector. */
import assert from 'node:assert/strict';
import { cardOf, cardText, startBot, teamsActivity, type RunningBot } from '../support/harness';

describe('conversation (demo tenant, real server)', () => {
  let bot: RunningBot;

  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());
  beforeEach(() => bot.connector.sent.splice(0));

  it('answers /missingkbs in a 1:1 chat with the missing-KBs card, as a reply', async () => {
    const activity = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-edge');
    assert.equal(await bot.post(activity), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(reply.conversationId, activity.conversation.id);
    assert.equal(reply.replyToId, activity.id);
    const card = cardOf(reply.activity);
    assert.ok(card, 'reply carries an Adaptive Card');
    assert.equal(card.version, '1.5');
    const text = cardText(card);
    for (const expected of ['microsoft-_-edge', 'KB4540673', 'March 2020 Security Updates', '240 devices', '14 CVEs']) {
      assert.ok(text.includes(expected), `card shows ${expected}`);
    }
  });

  it('answers an @mention in a channel inside the thread of the message', async () => {
    const activity = teamsActivity('channel-message-mention', bot.connector.serviceUrl, 'MissingKBs microsoft-_-EDGE.');
    assert.equal(await bot.post(activity), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.match(reply.conversationId, /;messageid=/);
    assert.equal(reply.conversationId, activity.conversation.id);
    assert.equal(reply.replyToId, activity.id);
    assert.equal(reply.activity.replyToId, activity.id);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
  });

  it('answers an @mention in a group chat', async () => {
    const activity = teamsActivity(
      'group-chat-message-mention',
      bot.connector.serviceUrl,
      '/missingkbs microsoft-_-edge',
    );
    assert.equal(await bot.post(activity), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(reply.conversationId, activity.conversation.id);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
  });

  it('stays responsive when a message is full of mention tags', async () => {
    const text = '<at>'.repeat(50000) + ' /missingkbs microsoft-_-edge';
    const activity = teamsActivity('personal-message', bot.connector.serviceUrl, text);
    const started = Date.now();
    assert.equal(await bot.post(activity), 200);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    await bot.connector.waitForMessages(1);
  });

  it('shows the help card for help, an empty message and an unknown command', async () => {
    for (const text of ['help', '', 'what can you do?']) {
      bot.connector.sent.splice(0);
      await bot.post(teamsActivity('personal-message', bot.connector.serviceUrl, text));
      const [reply] = await bot.connector.waitForMessages(1);
      const shown = cardText(cardOf(reply.activity));
      assert.ok(shown.includes('/missingkbs microsoft-_-edge'), `help for "${text}"`);
      if (text === 'what can you do?') assert.ok(shown.includes('what can you do?'));
    }
    assert.equal(bot.connector.sent.filter((s) => s.activity.type === 'typing').length, 0);
  });

  it('refuses an invalid software id with a clear card', async () => {
    await bot.post(teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs ../machines'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('not a valid software id'));
  });

  it('says when the software id is unknown (404 from the demo tenant)', async () => {
    await bot.post(teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs contoso-_-nothing'));
    const [reply] = await bot.connector.waitForMessages(1);
    const text = cardText(cardOf(reply.activity));
    assert.ok(text.includes('Software not found'));
    assert.ok(text.includes('Correlation id'));
  });

  it('posts one welcome card when installed, however many install events arrive', async () => {
    const install = teamsActivity('installation-update-add', bot.connector.serviceUrl);
    const added = teamsActivity('conversation-update-bot-added-to-team', bot.connector.serviceUrl);
    added.conversation.id = install.conversation.id;
    added.recipient = install.recipient;
    added.membersAdded = [{ id: install.recipient.id }];
    assert.equal(await bot.post(install), 200);
    assert.equal(await bot.post(added), 200);
    const [welcome] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(welcome.activity)).includes('Hello'));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(bot.connector.messages().length, 1);
  });

  it('welcomes a team the bot is added to, and ignores other members joining', async () => {
    await bot.post(teamsActivity('conversation-update-bot-added-to-team', bot.connector.serviceUrl));
    await bot.post(teamsActivity('conversation-update-user-added', bot.connector.serviceUrl));
    await bot.connector.waitForMessages(1);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(bot.connector.messages().length, 1);
  });

  it('answers GET /healthz with version, mode and uptime', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    assert.equal(body.mode, 'demo');
    assert.equal(typeof body.version, 'string');
    assert.equal(typeof body.uptimeSeconds, 'number');
  });
});

describe('POST /api/messages with a malformed body', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());

  it('answers 400 to JSON that is not an activity, and to a body that is not JSON', async () => {
    const noRecipient = JSON.stringify({
      type: 'message',
      serviceUrl: bot.connector.serviceUrl,
      conversation: { id: 'a' },
    });
    for (const body of ['{}', '[]', '"text"', '{"type": 5}', '{bad', noRecipient]) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(res.status, 400, body);
    }
    assert.equal(bot.connector.sent.length, 0);
  });
});

describe('conversation events that need no answer', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());

  it('stays silent when the bot is uninstalled or upgraded, and on reactions', async () => {
    const remove = teamsActivity('installation-update-add', bot.connector.serviceUrl);
    remove.action = 'remove';
    const upgrade = teamsActivity('installation-update-add', bot.connector.serviceUrl);
    upgrade.action = 'add-upgrade';
    const reaction = teamsActivity('personal-message', bot.connector.serviceUrl);
    reaction.type = 'messageReaction';
    reaction.reactionsAdded = [{ type: 'like' }];
    delete reaction.text;
    for (const activity of [remove, upgrade, reaction]) assert.equal(await bot.post(activity), 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(bot.connector.sent.length, 0);
  });
});

describe('card buttons', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());

  it('runs the command of the help card’s "Try it" button (Action.Submit data, no text)', async () => {
    await bot.post(teamsActivity('personal-message', bot.connector.serviceUrl, 'help'));
    const [help] = await bot.connector.waitForMessages(1);
    const button = cardOf(help.activity)!.actions[0];
    const submit = teamsActivity('channel-message-mention', bot.connector.serviceUrl);
    delete submit.text;
    submit.entities = [];
    submit.value = button.data;
    await bot.post(submit);
    const [, reply] = await bot.connector.waitForMessages(2);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
  });

  it('ignores submitted data that is not a command string', async () => {
    bot.connector.sent.splice(0);
    const submit = teamsActivity('personal-message', bot.connector.serviceUrl);
    delete submit.text;
    submit.value = { command: { nested: '/missingkbs microsoft-_-edge' } };
    await bot.post(submit);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Missing KBs: help'));
  });
});
