/**
 * proactivePoster over the real CloudAdapter against the fake Bot Connector: a card is posted; the Connector's errors are
 * mapped (the client's retries that succeed: test/bot/faults/connector.test.ts and test/alerts/e2e.pacing.test.ts).
 */
import assert from 'node:assert/strict';
import { DeliveryError } from '../../src/alerts/delivery';
import { createAdapter } from '../../src/bot/adapter';
import { CONNECTOR_ATTEMPTS, proactivePoster } from '../../src/bot/proactive';
import { silentLogger } from '../../src/log';
import { sendKeys, teamsSendPacer } from '../../src/pacing/teams';
import { FakeConnector } from '../support/fakeConnector';
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

  it('posts the card as an Adaptive Card attachment in the stored conversation', async () => {
    await post(reference('19:abc@thread.tacv2'), CARD);
    const [sent] = connector.messages();
    assert.equal(sent.conversationId, '19:abc@thread.tacv2');
    assert.deepEqual(cardOf(sent.activity), CARD);
  });

  // [status, code, Retry-After (s), kind, attempts: the Bot Framework client retries 429 with Retry-After and 5xx, not 412]
  const failures: [number, string, number | undefined, DeliveryError['kind'], number][] = [
    [403, 'BotNotInConversationRoster', undefined, 'gone', 1],
    [404, 'ConversationNotFound', undefined, 'gone', 1],
    [403, 'NotEnoughPermissions', undefined, 'rejected', 1],
    [413, 'MessageSizeTooBig', undefined, 'rejected', 1],
    [429, 'Throttled', 0, 'transient', CONNECTOR_ATTEMPTS],
    [412, 'PreconditionFailed', 2, 'transient', 1],
    [504, 'GatewayTimeout', undefined, 'transient', CONNECTOR_ATTEMPTS],
  ];
  for (const [status, code, retryAfter, kind, attempts] of failures) {
    it(`maps ${status} ${code} to a "${kind}" failure after ${attempts} attempt(s)`, async function () {
      this.timeout(30_000);
      connector.failConversation('c1', [{ status, code, retryAfter }], { always: true });
      const err = await post(reference('c1'), CARD).catch((e: unknown) => e);
      assert.ok(err instanceof DeliveryError);
      assert.equal(err.kind, kind);
      const details = { status, code, retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000 };
      assert.deepEqual(err.details, kind === 'transient' ? { ...details, attempts } : details);
      assert.equal(connector.failed.length, attempts);
    });
  }

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
});
