// End to end (real server): /missingkbs top [n], with $orderby (demo tenant) and sorted here (fake Defender), and
// /missingkbs with a software name: one match, several, none (the vendor and name filters: suggest.test.ts).
import assert from 'node:assert/strict';
import { ask, commandButtons, press } from '../support/browse';
import { FakeDefender, softwareItem } from '../support/fakeDefender';
import { cardText, startBot, type RunningBot } from '../support/harness';

/** The command buttons of the answer to `text`. */
async function buttons(bot: RunningBot, text: string): Promise<string[]> {
  return [...commandButtons(await ask(bot, text)).keys()];
}

const CHROME = softwareItem('google-_-chrome', { exposedMachines: 298 });
const EDGE = softwareItem('microsoft-_-edge', { exposedMachines: 240 });

describe('/missingkbs top and names (real server)', () => {
  let bot: RunningBot;
  let defender: FakeDefender | undefined;
  /** Starts the bot on the demo tenant, or on a fake Defender listing `items` with `options`. */
  function useBot(items?: ReturnType<typeof softwareItem>[], options?: Parameters<FakeDefender['software']>[1]): void {
    before(async () => {
      if (items) (defender = await FakeDefender.start()).software(items, options);
      bot = await startBot(defender ? { DEFENDER_API_BASE_URL: defender.url } : {});
    });
    after(async () => {
      await bot.stop();
      await defender?.close();
      defender = undefined;
    });
  }

  describe('demo tenant ($orderby accepted)', () => {
    useBot();

    it('lists the n most exposed software (10 by default, 25 at most), each with a button for its KBs', async () => {
      const card = await ask(bot, '/missingkbs top 3');
      const text = cardText(card);
      assert.match(text, /The 3 software with the most exposed devices/);
      const ids = ['microsoft-_-windows_10', 'microsoft-_-teams', 'microsoft-_-.net_framework'];
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ids.map((id) => `/missingkbs ${id}`),
      );
      assert.match(text, /412 exposed devices\n96 weaknesses\npublic exploit · active alert/);
      assert.doesNotMatch(text, /Sorted by the bot/);
      const kbs = cardText(await press(bot, commandButtons(card).get('/missingkbs microsoft-_-windows_10')!));
      assert.match(kbs, /Cumulative Update for Windows 10/);
      assert.equal((await buttons(bot, '/missingkbs top')).length, 10);
      assert.equal((await buttons(bot, '/missingkbs top 99')).length, 25);
      const french = cardText(await ask(bot, '/missingkbs top 2', 'fr-FR'));
      assert.match(french, /Les 2 logiciels avec le plus d’appareils exposés/);
    });

    it('several matches: a choice card with id, vendor, exposed devices and weaknesses, most exposed first', async () => {
      const card = await ask(bot, '/missingkbs jdk');
      const text = cardText(card);
      assert.match(text, /Several software match “jdk”/);
      const ids = [...text.matchAll(/^(\w+-_-jdk)$/gm)].map((m) => m[1]);
      assert.deepEqual(ids, ['oracle-_-jdk', 'azul-_-jdk', 'amazon-_-jdk']);
      assert.match(text, /oracle jdk\n/);
      assert.match(text, /48 exposed devices\n33 weaknesses\npublic exploit/);
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ['/missingkbs oracle-_-jdk', '/missingkbs azul-_-jdk', '/missingkbs amazon-_-jdk'],
      );
    });

    it('no match: suggests the nearest names, each with a button, or says how names are written', async () => {
      const card = await ask(bot, '/missingkbs frefox');
      assert.match(cardText(card), /No software named “frefox”[\s\S]*Did you mean one of these\?/);
      assert.ok(commandButtons(card).has('/missingkbs mozilla-_-firefox'));
      const text = cardText(await ask(bot, '/missingkbs qwertyuiop'));
      assert.match(text, /No software named “qwertyuiop”[\s\S]*vendor and name: Microsoft Edge/);
    });

    // The French choice card: the browse-choice-fr sample (fixtures.test.ts).
    it('in French: suggestions and the note of a single match', async () => {
      const none = cardText(await ask(bot, '/missingkbs frefox', 'fr-FR'));
      assert.match(none, /Aucun logiciel nommé «\u00a0frefox\u00a0»/);
      assert.match(none, /Vouliez-vous dire/);
      assert.match(none, /121 appareils exposés/);
      assert.match(
        cardText(await ask(bot, '/missingkbs edge', 'fr-FR')),
        /«\u00a0edge\u00a0» est le logiciel microsoft-_-edge/,
      );
    });
  });

  describe('a Defender that takes $orderby and answers 200 in its own order', () => {
    // Its own order (alphabetical, say) puts 30 little-exposed software first; the most exposed come last.
    const filler = Array.from({ length: 30 }, (_, i) =>
      softwareItem(`acme-_-tool_${String(i).padStart(2, '0')}`, { exposedMachines: (i * 37) % 100 }),
    );
    useBot([...filler, CHROME, EDGE], { orderby: 'ignored' });

    it('sees the list is not sorted and sorts a bounded list itself, not taking equal counts for an order', async () => {
      const card = await ask(bot, '/missingkbs top 2');
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ['/missingkbs google-_-chrome', '/missingkbs microsoft-_-edge'],
      );
      assert.match(cardText(card), /Sorted by the bot from the first 32 software Defender listed/);
      assert.ok(bot.logs.some((l) => l.includes('"browse.orderby_ignored"')));
      const same = Array.from({ length: 25 }, (_, i) => softwareItem(`acme-_-same_${i}`, { exposedMachines: 7 }));
      defender!.software([...same, CHROME], { orderby: 'ignored' });
      assert.deepEqual(await buttons(bot, '/missingkbs top 1'), ['/missingkbs google-_-chrome']);
    });
  });

  describe('a Defender that refuses $orderby, contains and or', () => {
    useBot([EDGE, CHROME, softwareItem('mozilla-_-firefox', { exposedMachines: 121 })], { combinations: false });

    it('top: sorts a bounded list itself and says so', async () => {
      const card = await ask(bot, '/missingkbs top 2');
      assert.deepEqual(
        [...commandButtons(card).keys()],
        ['/missingkbs google-_-chrome', '/missingkbs microsoft-_-edge'],
      );
      assert.match(cardText(card), /Sorted by the bot from the first 3 software Defender listed/);
      const lists = defender!.requests.filter((r) => r.path === '/api/Software').map((r) => r.url);
      assert.deepEqual(lists, ['/api/Software?$top=25&$orderby=exposedMachines%20desc', '/api/Software?$top=10000']);
    });

    it('names: falls back to single eq filters, then to suggestions, without contains', async () => {
      defender!.requests.splice(0);
      const chrome = cardText(await ask(bot, '/missingkbs "Google Chrome"'));
      assert.match(chrome, /“Google Chrome” is the software google-_-chrome/);
      assert.ok(commandButtons(await ask(bot, '/missingkbs fierfox')).has('/missingkbs mozilla-_-firefox'));
      const filters = defender!.requests
        .map((r) => new URL(r.url, defender!.url).searchParams.get('$filter'))
        .filter((f) => f !== null);
      assert.ok(filters.includes("name eq 'chrome'"), filters.join('\n'));
      assert.ok(
        filters.some((f) => f.startsWith('contains(')),
        'contains was tried once, refused',
      );
    });
  });
});
