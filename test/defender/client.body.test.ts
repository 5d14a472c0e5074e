// readBodyText (src/defender/body.ts): the size cap on Defender's answers, alone and through the DefenderClient.
import assert from 'node:assert/strict';
import { readBodyText } from '../../src/defender/body';
import { isAppError } from '../../src/errors';
import { EDGE } from '../support/defenderClient';
import { failure } from '../support/errors';
import { useClientFixture } from '../support/defenderClient';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('readBodyText', () => {
    /** A stream of chunks that counts how many were pulled and whether it was cancelled. */
    function countingStream(chunks: Uint8Array[] | (() => Uint8Array)): {
      stream: ReadableStream<Uint8Array>;
      pulled: () => number;
      cancelled: () => boolean;
    } {
      let pulls = 0;
      let cancelled = false;
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const chunk = typeof chunks === 'function' ? chunks() : chunks[pulls];
            pulls++;
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
          cancel() {
            cancelled = true;
          },
        },
        { highWaterMark: 0 },
      );
      return { stream, pulled: () => pulls, cancelled: () => cancelled };
    }

    it('reads a body as UTF-8 text', async () => {
      assert.equal(await readBodyText(new Response('{"value":[]} é ✓')), '{"value":[]} é ✓');
    });

    it('reads an absent body as the empty string', async () => {
      assert.equal(await readBodyText(new Response(null, { status: 204 })), '');
      assert.equal(await readBodyText(new Response('')), '');
    });

    it('accepts a body of exactly maxBytes', async () => {
      assert.equal(await readBodyText(new Response('x'.repeat(16)), 16), 'x'.repeat(16));
    });

    it('refuses a body over the size cap with bad-response', async () => {
      await assert.rejects(
        readBodyText(new Response('x'.repeat(17)), 16),
        (err) => isAppError(err) && err.code === 'bad-response',
      );
    });

    it('counts bytes, not characters', async () => {
      const text = 'é'.repeat(6); // 12 bytes
      assert.equal(await readBodyText(new Response(text), 12), text);
      await assert.rejects(readBodyText(new Response(text), 11), { code: 'bad-response' });
    });

    it('refuses a declared Content-Length over the cap without reading the body', async () => {
      const body = countingStream([new TextEncoder().encode('{}')]);
      const response = new Response(body.stream, { headers: { 'content-length': '1000' } });
      await assert.rejects(readBodyText(response, 100), (err) => {
        assert.ok(isAppError(err));
        assert.equal(err.code, 'bad-response');
        assert.match(err.message, /1000/);
        return true;
      });
      assert.equal(body.pulled(), 0);
      assert.equal(body.cancelled(), true);
    });

    it('stops reading an endless body once past the cap', async () => {
      const body = countingStream(() => new Uint8Array(1024));
      await assert.rejects(readBodyText(new Response(body.stream), 10 * 1024), { code: 'bad-response' });
      assert.ok(body.pulled() <= 12, `pulled ${body.pulled()} chunks`);
      assert.equal(body.cancelled(), true);
    });

    it('decodes a character split across chunks', async () => {
      const bytes = new TextEncoder().encode('"✓é"');
      const body = countingStream([bytes.slice(0, 2), bytes.slice(2, 5), bytes.slice(5)]);
      assert.equal(await readBodyText(new Response(body.stream)), '"✓é"');
    });

    it('turns a body over the cap into bad-response through the client too (declared length)', async () => {
      const server = await fx.local((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
        res.write('{"value":[');
      });
      const err = await failure(fx.client({ baseUrl: server.url }).getMissingKbs(EDGE));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, EDGE);
      assert.equal(server.requests.length, 1);
    });
  });
});
