// End to end (real server): /missingkbs top [n], with $orderby (demo tenant) and sorted here (fake Defender).
import assert from 'node:assert/strict';
import { cardText, startBot, type RunningBot } from '../support/harness';
import { ask, commandButtons, press } from '../support/browse';
import { FakeDefender, softwareItem } from '../support/fakeDefender';

describe('/missingkbs top (real server)', () => {
  describe('demo tenant ($orderby accepted)', () => {
    let bot: RunningBot;
    before(async () => {
      bot = await startBot();
    });
    after(() => bot.stop());

    it('lists the n most exposed software, each with a button for its missing KBs', async () => {
      const card = await ask(bot, '/missingkbs top 3');
      const text = cardText(card);
      assert.match(text, /The 3 software with the most exposed devices/);
      assert.deepEqual(
        [...commandButtons(card).keys()],
        [
          '/missingkbs microsoft-_-windows_10',
          '/missingkbs microsoft-_-teams',
          '/missingkbs microsoft-_-.net_framework',
        ],
      );
      assert.match(text, /412 exposed devices\n96 weaknesses\npublic exploit · active alert/);
      assert.doesNotMatch(text, /Sorted by the bot/);
      const kbs = cardText(await press(bot, commandButtons(card).get('/missingkbs microsoft-_-windows_10')!));
      assert.match(kbs, /Cumulative Update for Windows 10/);
    });

    it('shows 10 by default, 25 at most, and speaks French', async () => {
      assert.equal(commandButtons(await ask(bot, '/missingkbs top')).size, 10);
      assert.equal(commandButtons(await ask(bot, '/missingkbs top 99')).size, 25);
      assert.match(
        cardText(await ask(bot, '/missingkbs top 2', 'fr-FR')),
        /Les 2 logiciels avec le plus d’appareils exposés/,
      );
    });
  });

  describe('a Defender that takes $orderby and answers 200 in its own order', () => {
    let bot: RunningBot;
    let defender: FakeDefender;
    before(async () => {
      defender = await FakeDefender.start();
      // Its own order (alphabetical, say) puts 30 little-exposed software first; the most exposed come last.
      const filler = Array.from({ length: 30 }, (_, i) =>
        softwareItem(`acme-_-tool_${String(i).padStart(2, '0')}`, { exposedMachines: (i * 37) % 100 }),
      );
      defender.software(
        [
          ...filler,
          softwareItem('google-_-chrome', { exposedMachines: 298 }),
          softwareItem('microsoft-_-edge', { exposedMachines: 240 }),
        ],
        { orderby: 'ignored' },
      );
      bot = await startBot({ DEFENDER_API_BASE_URL: defender.url });
    });
    after(async () => {
      await bot.stop();
      await defender.close();
    });

    it('top: sees the list is not sorted and sorts a bounded list itself', async () => {
      const card = await ask(bot, '/missingkbs top 2');
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ['/missingkbs google-_-chrome', '/missingkbs microsoft-_-edge'],
      );
      assert.match(cardText(card), /Sorted by the bot from the first 32 software Defender listed/);
      assert.ok(bot.logs.some((l) => l.includes('"browse.orderby_ignored"')));
    });

    it('top: does not take equal counts for an order', async () => {
      defender.software(
        [
          ...Array.from({ length: 25 }, (_, i) => softwareItem(`acme-_-same_${i}`, { exposedMachines: 7 })),
          softwareItem('google-_-chrome', { exposedMachines: 298 }),
        ],
        { orderby: 'ignored' },
      );
      const card = await ask(bot, '/missingkbs top 1');
      assert.deepEqual([...commandButtons(card).keys()], ['/missingkbs google-_-chrome']);
    });
  });

  describe('a Defender that refuses $orderby, contains and or', () => {
    let bot: RunningBot;
    let defender: FakeDefender;
    before(async () => {
      defender = await FakeDefender.start();
      defender.software(
        [
          softwareItem('microsoft-_-edge', { exposedMachines: 240 }),
          softwareItem('google-_-chrome', { exposedMachines: 298 }),
          softwareItem('mozilla-_-firefox', { exposedMachines: 121 }),
        ],
        { combinations: false },
      );
      bot = await startBot({ DEFENDER_API_BASE_URL: defender.url });
    });
    after(async () => {
      await bot.stop();
      await defender.close();
    });

    it('top: sorts a bounded list itself and says so', async () => {
      const card = await ask(bot, '/missingkbs top 2');
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ['/missingkbs google-_-chrome', '/missingkbs microsoft-_-edge'],
      );
      assert.match(cardText(card), /Sorted by the bot from the first 3 software Defender listed/);
      const lists = defender.requests.filter((r) => r.path === '/api/Software').map((r) => r.url);
      assert.deepEqual(lists, ['/api/Software?$top=25&$orderby=exposedMachines%20desc', '/api/Software?$top=10000']);
    });

    it('names: falls back to single eq filters, then to suggestions, without contains', async () => {
      defender.requests.splice(0);
      assert.match(
        cardText(await ask(bot, '/missingkbs "Google Chrome"')),
        /“Google Chrome” is the software google-_-chrome/,
      );
      const none = await ask(bot, '/missingkbs fierfox');
      assert.ok(commandButtons(none).has('/missingkbs mozilla-_-firefox'));
      const filters = defender.requests
        .map((r) => new URL(r.url, defender.url).searchParams.get('$filter'))
        .filter((f) => f !== null);
      assert.ok(filters.includes("name eq 'chrome'"), filters.join('\n'));
      assert.ok(
        filters.some((f) => f.startsWith('contains(')),
        'contains was tried once, refused',
      );
    });
  });
});
