// End to end (real server, demo tenant): /missingkbs with a software name — one match, several, none. Pressing a
// command button (Action.Submit) of a browse card: top.test.ts; the vendor and name filters: suggest.test.ts.
import assert from 'node:assert/strict';
import { cardText, startBot, type RunningBot } from '../support/harness';
import { ask, commandButtons } from '../support/browse';

describe('/missingkbs <name> (demo tenant, real server)', () => {
  let bot: RunningBot;

  before(async () => {
    bot = await startBot();
  });
  after(() => bot.stop());

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
