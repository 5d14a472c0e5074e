/** proactivePoster over the real CloudAdapter against the fake Bot Connector: a card is posted; the Connector's errors are mapped. */
import assert from 'node:assert/strict';
import { DeliveryError } from '../../src/alerts/delivery';
import { createAdapter } from '../../src/bot/adapter';
import { CONNECTOR_ATTEMPTS, proactivePoster } from '../../src/bot/proactive';
import { silentLogger } from '../../src/log';
import { sendKeys, teamsSendPacer } from '../../src/pacing/teams';
import { FakeConnector, type ConnectorFailure } from '../support/fakeConnector';
import { cardOf } from '../support/harness';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'alert' }] };

describe('proactivePoster', () => {
  let connector: FakeConnector;
  const post = proactivePoster(createAdapter({}, silentLogger), '');
  const reference = (id: string) => ({
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    conversation: { id },
    bot: { id: '28:bot' },
  });

  beforeEach(async () => {
    connector = await FakeConnector.start();
  });
  afterEach(() => connector.close());

  async function failure(...failures: ConnectorFailure[]): Promise<DeliveryError> {
    connector.failConversation('c1', failures, { always: true });
    const err = await post(reference('c1'), CARD).then(
      () => assert.fail('the post should fail'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof DeliveryError);
    return err;
  }

  it('posts the card as an Adaptive Card attachment in the stored conversation', async () => {
    await post(reference('19:abc@thread.tacv2'), CARD);
    const [sent] = connector.messages();
    assert.equal(sent.conversationId, '19:abc@thread.tacv2');
    assert.deepEqual(cardOf(sent.activity), CARD);
  });

  for (const [status, code, kind] of [
    [403, 'BotNotInConversationRoster', 'gone'],
    [403, 'MessageWritesBlocked', 'gone'],
    [403, 'ConversationBlockedByUser', 'gone'],
    [404, 'ConversationNotFound', 'gone'],
    [403, 'NotEnoughPermissions', 'rejected'],
    [413, 'MessageSizeTooBig', 'rejected'],
  ] as const) {
    it(`maps ${status} ${code} to a "${kind}" failure, without retrying`, async () => {
      const err = await failure({ status, code });
      assert.equal(err.kind, kind);
      assert.deepEqual(err.details, { status, code, retryAfterMs: undefined });
      assert.equal(connector.failed.length, 1);
    });
  }

  it('maps a 429 that outlasts the client retries to "transient" with its Retry-After', async () => {
    const err = await failure({ status: 429, code: 'Throttled', retryAfter: 0 });
    assert.equal(err.kind, 'transient');
    assert.equal(err.details.retryAfterMs, 0);
    assert.ok(connector.failed.length > 1, 'the Bot Framework client retried first');
  });

  it('maps 412, which the Bot Framework client does not retry, to "transient" after one attempt', async () => {
    const err = await failure({ status: 412, code: 'PreconditionFailed', retryAfter: 2 });
    assert.equal(err.kind, 'transient');
    assert.deepEqual(err.details, { status: 412, code: 'PreconditionFailed', retryAfterMs: 2000, attempts: 1 });
    assert.equal(connector.failed.length, 1);
  });

  it('says a 502 or a 504 that reaches it already had the Bot Framework client’s attempts', async function () {
    this.timeout(30_000);
    const err = await failure({ status: 504, code: 'GatewayTimeout' });
    assert.equal(err.kind, 'transient');
    assert.equal(err.details.attempts, CONNECTOR_ATTEMPTS);
    assert.equal(connector.failed.length, CONNECTOR_ATTEMPTS);
  });

  it('waits for room under the thread’s limit, counting the post once, and fails fast past maxWaitMs', async () => {
    const pacer = teamsSendPacer({ limits: { thread: [{ limit: 2, ms: 60_000 }], tenant: [] } });
    const paced = proactivePoster(createAdapter({}, silentLogger, undefined, undefined, pacer), '', pacer, 1000);
    const keys = sendKeys('c3', 'tenant-1');
    await paced(reference('c3'), CARD, { tenantId: 'TENANT-1' });
    assert.equal(pacer.delay(keys), 0, 'one post, counted once (the turn’s middleware does not count it again)');
    await paced(reference('c3'), CARD, { tenantId: 'tenant-1' });
    const err = await paced(reference('c3'), CARD, { tenantId: 'tenant-1' }).catch((e: unknown) => e);
    assert.ok(err instanceof DeliveryError);
    assert.equal(err.kind, 'transient');
    assert.ok((err.details.retryAfterMs ?? 0) > 1000);
    assert.equal(err.details.attempts, 0);
    assert.equal(connector.messages().length, 2, 'nothing sent past the limit');
  });

  it('succeeds when the Bot Framework client retry gets past one 429 or one 502', async () => {
    connector.failConversation('c2', [
      { status: 429, code: 'Throttled', retryAfter: 0 },
      { status: 502, code: 'ServiceError' },
    ]);
    await post(reference('c2'), CARD);
    assert.deepEqual(
      connector.failed.map((f) => f.status),
      [429, 502],
    );
    assert.equal(connector.messages().length, 1);
  });
});
