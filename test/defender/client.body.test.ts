// readBodyText (src/defender/body.ts): the abort signal and the size cap on Defender's answers, alone and through
// the DefenderClient.
import assert from 'node:assert/strict';
import { readBodyText } from '../../src/defender/body';
import { isAppError } from '../../src/errors';
import { EDGE, useClientFixture } from '../support/defenderClient';
import { failure } from '../support/errors';
import { gcDuringFetch } from '../support/gc';
import { waitFor } from '../support/http';

/** A signal that never aborts. */
const open = new AbortController().signal;

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('readBodyText', () => {
    /** A stream of chunks that counts how many were pulled and whether it was cancelled. */
    function countingStream(chunks: Uint8Array[] | (() => Uint8Array | undefined)): {
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

    /** A body that sends `first` and then nothing, ever; records why it was cancelled. */
    function stalledStream(first: Uint8Array[] = []): { stream: ReadableStream<Uint8Array>; cancelReason: unknown[] } {
      const cancelReason: unknown[] = [];
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of first) controller.enqueue(chunk);
        },
        cancel(reason) {
          cancelReason.push(reason);
        },
      });
      return { stream, cancelReason };
    }

    it('reads a body as UTF-8 text', async () => {
      assert.equal(await readBodyText(new Response('{"value":[]} é ✓'), open), '{"value":[]} é ✓');
    });

    it('reads an absent body as the empty string', async () => {
      assert.equal(await readBodyText(new Response(null, { status: 204 }), open), '');
      assert.equal(await readBodyText(new Response(''), open), '');
    });

    it('accepts a body of exactly maxBytes', async () => {
      assert.equal(await readBodyText(new Response('x'.repeat(16)), open, 16), 'x'.repeat(16));
    });

    it('refuses a body over the size cap with bad-response', async () => {
      await assert.rejects(
        readBodyText(new Response('x'.repeat(17)), open, 16),
        (err) => isAppError(err) && err.code === 'bad-response',
      );
    });

    it('counts bytes, not characters', async () => {
      const text = 'é'.repeat(6); // 12 bytes
      assert.equal(await readBodyText(new Response(text), open, 12), text);
      await assert.rejects(readBodyText(new Response(text), open, 11), { code: 'bad-response' });
    });

    it('refuses a declared Content-Length over the cap without reading the body', async () => {
      const body = countingStream([new TextEncoder().encode('{}')]);
      const response = new Response(body.stream, { headers: { 'content-length': '1000' } });
      await assert.rejects(readBodyText(response, open, 100), (err) => {
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
      await assert.rejects(readBodyText(new Response(body.stream), open, 10 * 1024), { code: 'bad-response' });
      assert.ok(body.pulled() <= 12, `pulled ${body.pulled()} chunks`);
      assert.equal(body.cancelled(), true);
    });

    it("rejects with the signal's reason when it aborts during a read that waits, and cancels the body", async () => {
      const body = stalledStream([new TextEncoder().encode('{"value":[')]);
      const controller = new AbortController();
      const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      setTimeout(() => controller.abort(reason), 20);
      await assert.rejects(readBodyText(new Response(body.stream), controller.signal), (err) => err === reason);
      assert.deepEqual(body.cancelReason, [reason]);
    });

    it('cancels the body without reading it when the signal has already aborted', async () => {
      const body = countingStream([new TextEncoder().encode('{}')]);
      const reason = new Error('cancelled');
      await assert.rejects(readBodyText(new Response(body.stream), AbortSignal.abort(reason)), (err) => err === reason);
      assert.equal(body.pulled(), 0);
      assert.equal(body.cancelled(), true);
    });

    it('checks the signal after each chunk: a body that keeps coming does not outlive it', async () => {
      const controller = new AbortController();
      const body = countingStream(() => {
        if (body.pulled() === 2) controller.abort(new Error('deadline'));
        return body.pulled() < 5 ? new TextEncoder().encode('[') : undefined;
      });
      await assert.rejects(readBodyText(new Response(body.stream), controller.signal), /deadline/);
      assert.equal(body.pulled(), 3);
    });

    it('decodes a character split across chunks', async () => {
      const bytes = new TextEncoder().encode('"✓é"');
      const body = countingStream([bytes.slice(0, 2), bytes.slice(2, 5), bytes.slice(5)]);
      assert.equal(await readBodyText(new Response(body.stream), open), '"✓é"');
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

    it('ends a trickling body at the deadline even when a garbage collection follows the headers', async () => {
      // Node 20's undici, `redirect: 'error'`: a GC after the headers unlinks fetch's own abort from the body
      // (undici issue 4627); only the reader's own listener still stops the read.
      let closedAt = 0;
      const server = await fx.local((_req, res, later) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.on('close', () => (closedAt = Date.now()));
        const drip = (): void => {
          if (res.destroyed) return;
          res.write(' ');
          later(100, drip);
        };
        res.write('{"value":[');
        later(100, drip);
      });
      const timeoutMs = 1000;
      const client = fx.client({ baseUrl: server.url, timeoutMs, fetch: gcDuringFetch() });
      const started = Date.now();
      const err = await failure(client.getMissingKbs(EDGE));
      const took = Date.now() - started;
      assert.equal(err.code, 'timeout');
      assert.ok(took < timeoutMs + 500, `ended after ${took} ms`);
      await waitFor(() => closedAt || undefined, 500, 'the connection to close');
      assert.ok(closedAt - started < timeoutMs + 500, `connection closed after ${closedAt - started} ms`);
    });
  });
});
