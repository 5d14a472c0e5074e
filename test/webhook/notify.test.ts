/** NotifyService and the signature: what is accepted, what is refused (with no effect), who gets the card. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createHmac } from 'node:crypto';
import { alertSender } from '../../src/alerts/delivery';
import { NotifyService, type NotifyCall } from '../../src/webhook/notify';
import { checkSignature, signNotify } from '../../src/webhook/signature';
import { AppError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';
import { FakeDirectory, FakeWatchList, RecordingPoster, FAKE_TENANT } from '../support/alertFakes';
import { cardText } from '../support/harness';
import { kb, result } from '../support/kbs';

const SECRET = 'k'.repeat(40);
const NOW = Date.parse('2026-11-27T08:00:00Z');
const TS = String(NOW / 1000);

/** A call signed with SECRET: a string or Buffer body as is, anything else as JSON. */
function signed(body: unknown, timestamp = TS): NotifyCall {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { timestamp, signature: signNotify(SECRET, timestamp, rawBody), rawBody };
}

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<raw body>", its digest in lower case', () => {
    const body = '{"softwareId":"microsoft-_-edge"}';
    const expected = createHmac('sha256', SECRET).update(`${TS}.${body}`).digest('hex');
    assert.equal(signNotify(SECRET, TS, body), `sha256=${expected}`);
    const upper = { timestamp: TS, signature: `sha256=${expected.toUpperCase()}` };
    assert.deepEqual(checkSignature(SECRET, upper, Buffer.from(body), NOW), {
      ok: true,
      timestamp: NOW / 1000,
      digest: expected,
    });
  });

  it('refuses a missing, malformed or wrong signature and a timestamp outside ±5 minutes', () => {
    const body = Buffer.from('{}');
    const good = signNotify(SECRET, TS, body);
    const check = (h: { timestamp?: string; signature?: string }, now = NOW) => checkSignature(SECRET, h, body, now).ok;
    assert.equal(check({ timestamp: TS }), false);
    assert.equal(check({ timestamp: TS, signature: good.slice(7) }), false);
    assert.equal(check({ timestamp: TS, signature: 'sha256=zz' }), false);
    assert.equal(check({ timestamp: TS, signature: signNotify('x'.repeat(40), TS, body) }), false);
    assert.equal(check({ signature: good }), false);
    assert.equal(check({ timestamp: `${TS}.5`, signature: good }), false);
    assert.equal(check({ timestamp: TS, signature: good }, NOW + 300_000), true);
    assert.equal(check({ timestamp: TS, signature: good }, NOW + 301_000), false);
    assert.equal(check({ timestamp: TS, signature: good }, NOW - 301_000), false);
    for (const spelled of [
      `${good}\u00a0`,
      `\u00a0${good}`,
      ` ${good}`,
      `${good} `,
      `${good}\n`,
      `SHA256=${good.slice(7)}`,
    ]) {
      assert.equal(check({ timestamp: TS, signature: spelled }), false, JSON.stringify(spelled));
    }
  });
});

describe('NotifyService', () => {
  let store: MemoryStore;
  let watches: FakeWatchList;
  let directory: FakeDirectory;
  let poster: RecordingPoster;
  let fetched: string[];
  let service: NotifyService;

  function build(soc?: string, clock = () => NOW): NotifyService {
    return new NotifyService({
      secret: SECRET,
      store,
      source: (_tenantId, id) => {
        fetched.push(id);
        if (id === 'contoso-_-unknown')
          return Promise.reject(new AppError('not-found', 'Defender answered 404', { status: 404 }));
        return Promise.resolve(result([kb({ id: '1' }), kb({ id: '2' })], { softwareId: id }));
      },
      watches,
      conversations: directory,
      send: alertSender(directory, poster.post, silentLogger, {}, FAKE_TENANT),
      socConversationId: soc,
      homeTenantId: FAKE_TENANT,
      fallbackTenantId: FAKE_TENANT,
      logger: silentLogger,
      clock,
    });
  }

  afterEach(() => sinon.restore());
  beforeEach(() => {
    store = new MemoryStore();
    watches = new FakeWatchList().watch('microsoft-_-edge', 'c1').watch('microsoft-_-edge', 'c2');
    directory = new FakeDirectory().add('c1').add('c2', { active: false }).add('soc', { locale: 'fr' });
    poster = new RecordingPoster();
    fetched = [];
    service = build('soc');
  });

  it('posts the alert with the message to each active watcher and says what it did', async () => {
    const answer = await service.handle(signed({ softwareId: 'Microsoft-_-Edge', message: 'Patch Tuesday' }));
    assert.deepEqual(answer, {
      status: 202,
      body: {
        softwareId: 'microsoft-_-edge',
        kbs: 2,
        delivered: 1,
        targets: [{ conversationId: 'c1', outcome: 'sent' }],
      },
    });
    assert.match(cardText(poster.posted[0].card), /Security update alert[\s\S]*Patch Tuesday/);
  });

  it('posts to the SOC conversation when nobody watches the id, in its language; without one, to nobody', async () => {
    const answer = await service.handle(signed({ softwareId: 'contoso-_-app' }));
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.body.targets, [{ conversationId: 'soc', outcome: 'sent' }]);
    assert.match(cardText(poster.posted[0].card), /Alerte mises à jour de sécurité/);
    const alone = await build().handle(signed({ softwareId: 'contoso-_-other' }));
    assert.deepEqual([alone.status, alone.body.targets, poster.posted.length], [202, [], 1]);
  });

  it('refuses a replay inside the window, on any instance, whatever the header spelling', async () => {
    const call = signed({ softwareId: 'microsoft-_-edge' });
    const sig = call.signature ?? '';
    assert.equal((await service.handle(call)).status, 202);
    assert.equal((await service.handle(call)).status, 401);
    assert.equal((await build('soc').handle(call)).status, 401, 'another instance on the same store refuses it too');
    // Spellings checkSignature accepts or refuses (see above): none is a new signature.
    for (const signature of [`${sig}\u00a0`, ` ${sig}`, sig.toUpperCase(), `sha256=${sig.slice(7).toUpperCase()}`]) {
      assert.equal((await service.handle({ ...call, signature })).status, 401, JSON.stringify(signature));
    }
    assert.equal(poster.posted.length, 1);
  });

  it('keeps a replay claim until its own timestamp leaves the window, not for a while after first use', async () => {
    let now = NOW;
    const clocked = build('soc', () => now);
    const create = sinon.spy(store, 'create');
    // Signed 5 minutes ahead of our clock: valid until NOW + 10 min, whenever it is first used.
    const ahead = signed({ softwareId: 'microsoft-_-edge' }, String(NOW / 1000 + 300));
    assert.equal((await clocked.handle(ahead)).status, 202);
    now = NOW + 600_000;
    assert.equal((await clocked.handle(ahead)).status, 401, 'still inside its window: a replay');
    // Signed 5 minutes behind: its claim goes as soon as the window (and the clock margin) has passed.
    now = NOW;
    const behind = signed({ softwareId: 'contoso-_-app' }, String(NOW / 1000 - 299));
    assert.equal((await clocked.handle(behind)).status, 202);
    const key = String(create.lastCall.args[0]);
    now = NOW + 62_000;
    await clocked.handle(signed({ softwareId: 'contoso-_-other' }, String(now / 1000)));
    assert.deepEqual(await store.read([key]), {}, 'the expired claim is deleted');
  });

  const refusals: [string, NotifyCall, number][] = [
    ['no signature', { timestamp: TS, rawBody: Buffer.from('{"softwareId":"microsoft-_-edge"}') }, 401],
    ['a body that is not JSON', signed('{"softwareId":'), 400],
    ['a body that is not UTF-8', signed(Buffer.from([0x7b, 0xff, 0x7d])), 400],
    ['a JSON array', signed([1]), 400],
    ['no softwareId', signed({ message: 'x' }), 400],
    ['a bad softwareId', signed({ softwareId: '../etc/passwd' }), 400],
    ['a message that is not a string', signed({ softwareId: 'microsoft-_-edge', message: 42 }), 400],
    ['a message over 1,000 characters', signed({ softwareId: 'microsoft-_-edge', message: 'm'.repeat(1001) }), 400],
  ];
  for (const [what, call, status] of refusals) {
    it(`answers ${status} to ${what}, with no effect`, async () => {
      const create = sinon.spy(store, 'create');
      const write = sinon.spy(store, 'write');
      const answer = await service.handle(call);
      assert.equal(answer.status, status);
      assert.deepEqual(fetched, []);
      assert.equal(poster.posted.length, 0);
      assert.equal(create.callCount + write.callCount, 0, 'nothing stored');
    });
  }

  it('answers 404 when Defender does not know the id, and posts nothing', async () => {
    const answer = await service.handle(signed({ softwareId: 'contoso-_-unknown' }));
    assert.deepEqual(answer, { status: 404, body: { error: 'not-found', softwareId: 'contoso-_-unknown' } });
    assert.equal(poster.posted.length, 0);
  });
});
