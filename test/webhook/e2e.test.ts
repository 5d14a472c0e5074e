/**
 * POST /api/notify over the real restify server: valid (202 + card), signature refusals with no effect, size
 * cap, path spellings, README's bash example (404 without NOTIFY_SECRET: test/bot/conversation.test.ts). Body and recipient rules are proven in notify.test.ts.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { signNotify } from '../../src/webhook/signature';
import { FakeDirectory, FakeWatchList, postNotify } from '../support/alertFakes';
import { useDefenderBot } from '../support/defenderBot';
import { odata } from '../support/fakeDefender';
import { cardOf, cardText } from '../support/harness';
import { rawRequest } from '../support/rawHttp';

const SECRET = 'notify-secret-0123456789abcdef0123456789';
const EDGE = 'microsoft-_-edge';
const WATCHER = '19:watcher@thread.tacv2';
/** What the webhook answers for one watcher of Edge. */
const ANSWER = { softwareId: EDGE, kbs: 1, delivered: 1, targets: [{ conversationId: WATCHER, outcome: 'sent' }] };
const KB = { id: '5001', name: 'Update', productsNames: ['edge'], machineMissedOn: 4, cveAddressed: 1 };

/** README's bash example, as written. */
function readmeBash(): string {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const match = /<!-- notify-example:bash -->\s*```bash\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'README has the bash example');
  return match[1];
}

describe('POST /api/notify end to end', () => {
  const directory = new FakeDirectory();
  const watches = new FakeWatchList().watch(EDGE, WATCHER);
  const running = useDefenderBot(
    { NOTIFY_SECRET: SECRET },
    { alerts: { watches, conversations: directory, pollIntervalMs: 0 } },
  );
  before(() => {
    running.defender.script(EDGE, { body: odata([KB]) });
    directory.add(WATCHER, { serviceUrl: running.bot.connector.serviceUrl });
  });
  beforeEach(() => {
    running.bot.connector.sent.splice(0);
    running.defender.requests.splice(0);
  });

  const notify = (body: string, headers: Record<string, string> = {}) =>
    postNotify(running.bot.url, SECRET, body, headers);

  /** Nothing was read from Defender and nothing posted. */
  function noEffect(): void {
    assert.deepEqual(running.defender.requests, []);
    assert.deepEqual(running.bot.connector.messages(), []);
  }

  it('runs the README bash example (openssl + curl) against the server', async function () {
    const { bot } = running;
    const run = promisify(execFile);
    const script = readmeBash().replace('https://bot.contoso.com/api/notify', `${bot.url}/api/notify`);
    let out: string;
    try {
      out = (await run('bash', ['-c', script], { env: { ...process.env, NOTIFY_SECRET: SECRET } })).stdout;
    } catch (err) {
      if ((err as { code?: unknown }).code === 127 || /not found/.test(String(err))) this.skip();
      throw err;
    }
    assert.deepEqual(JSON.parse(out), ANSWER);
    assert.match(cardText(cardOf(bot.connector.messages()[0].activity)), /Sentinel incident 4711/);
  });

  it('answers 401 to a wrong signature and to a replay, however spelled, with no effect (the rest: notify.test.ts)', async () => {
    const { bot, defender } = running;
    const body = JSON.stringify({ softwareId: EDGE });
    assert.equal((await notify(body, { 'x-missingkbs-signature': signNotify('x'.repeat(40), '1', body) })).status, 401);
    noEffect();
    const ts = String(Math.floor(Date.now() / 1000));
    const once = { 'x-missingkbs-timestamp': ts, 'x-missingkbs-signature': signNotify(SECRET, ts, body) };
    assert.deepEqual(await notify(body, once), { status: 202, json: ANSWER });
    assert.match(cardText(cardOf(bot.connector.messages()[0].activity)), /Security update alert[\s\S]*KB5001/);
    bot.connector.sent.splice(0);
    defender.requests.splice(0);
    assert.equal((await notify(body, once)).status, 401);
    const spelled = { ...once, 'x-missingkbs-signature': `${once['x-missingkbs-signature']}\u00a0` };
    assert.equal((await notify(body, spelled)).status, 401, 'a no-break space after it is no new signature');
    noEffect();
    assert.ok(!bot.logs.some((l) => l.includes(SECRET)), 'the secret is never logged');
  });

  it('answers 413 to a body over 16 KB, declared or chunked, and never reads past a lying Content-Length', async () => {
    const port = Number(new URL(running.bot.url).port);
    const big = JSON.stringify({ softwareId: EDGE, message: 'x'.repeat(17 * 1024) });
    assert.equal((await notify(big)).status, 413);
    const head = (extra: string): string =>
      `POST /api/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${extra}`;
    const chunks = (big.match(/[\s\S]{1,4096}/g) ?? []).map((c) => `${c.length.toString(16)}\r\n${c}\r\n`);
    assert.equal(
      (await rawRequest(port, head('Transfer-Encoding: chunked'), `${chunks.join('')}0\r\n\r\n`)).status,
      413,
    );
    const ts = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ softwareId: EDGE, message: 'y'.repeat(20 * 1024) });
    const signed = `Content-Length: 100\r\nX-MissingKbs-Timestamp: ${ts}\r\nX-MissingKbs-Signature: ${signNotify(SECRET, ts, body)}`;
    assert.notEqual((await rawRequest(port, head(signed), body)).status, 202);
    noEffect();
  });

  it('ends every spelling of the path promptly: the route the router matched reads the body', async () => {
    const port = Number(new URL(running.bot.url).port);
    // A body of its own: signed in the same second as another test's, it would be a replay.
    const body = JSON.stringify({ softwareId: EDGE, message: 'path spellings' });
    const head = (path: string, extra = ''): string =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n` +
      `Content-Length: ${body.length}${extra}`;
    // The router ignores `;...`, `?...` and `#...` and decodes %XX: these reach the webhook (unsigned: 401).
    const webhook = ['/api/notify;x', '/api/notify;', '/api/notify;a=b?c=d', '/api/%6Eotify', '/api/not%69fy;x'];
    const elsewhere = ['/api/notify/', '/api/notify%3Bx', '/API/notify', '//api/notify', '/api/notify%2F'];
    const expected: [string, number][] = [
      ...[...webhook, '/api/notify?x', '/api/notify#x'].map((p): [string, number] => [p, 401]),
      ...elsewhere.map((p): [string, number] => [p, 404]),
    ];
    for (const [path, status] of expected) {
      const answer = await rawRequest(port, head(path), body);
      assert.equal(answer.status, status, path);
      assert.ok(answer.ms < 5000, `${path} ended after ${answer.ms} ms`);
    }
    noEffect();
    const ts = String(Math.floor(Date.now() / 1000));
    const signed = `\r\nX-MissingKbs-Timestamp: ${ts}\r\nX-MissingKbs-Signature: ${signNotify(SECRET, ts, body)}`;
    assert.equal((await rawRequest(port, head('/api/notify;x', signed), body)).status, 202);
  });
});
