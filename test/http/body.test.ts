// src/http/body.ts: readBodyText under the request's abort signal and a size cap.
import assert from 'node:assert/strict';
import { readBodyText } from '../../src/http/body';

/** A signal that never aborts. */
const open = new AbortController().signal;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A stream of chunks that counts how many were pulled and whether it was cancelled (and why). */
function countingStream(chunks: Uint8Array[] | (() => Uint8Array | undefined)) {
  let pulls = 0;
  const cancelReason: unknown[] = [];
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = typeof chunks === 'function' ? chunks() : chunks[pulls];
        pulls++;
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: (reason) => void cancelReason.push(reason),
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulls, cancelled: () => cancelReason.length > 0, cancelReason };
}

describe('http/body: readBodyText', () => {
  it('reads UTF-8 text (split across chunks too), an absent body as empty, up to maxBytes counted in bytes', async () => {
    const split = bytes('"✓é"');
    const cases: [Response, number | undefined, string][] = [
      [new Response('{"value":[]} é ✓'), undefined, '{"value":[]} é ✓'],
      [new Response(countingStream([split.slice(0, 2), split.slice(2, 5), split.slice(5)]).stream), undefined, '"✓é"'],
      [new Response(null, { status: 204 }), undefined, ''],
      [new Response(''), undefined, ''],
      [new Response('x'.repeat(16)), 16, 'x'.repeat(16)],
      [new Response('é'.repeat(6)), 12, 'é'.repeat(6)],
      [new Response('x'.repeat(17)), 16, 'bad-response'],
      [new Response('é'.repeat(6)), 11, 'bad-response'],
    ];
    for (const [response, max, text] of cases) {
      const read = readBodyText(response, open, max).catch((err: { code?: string }) => err.code);
      assert.equal(await read, text);
    }
  });

  it('refuses a declared Content-Length over the cap without reading the body', async () => {
    const body = countingStream([bytes('{}')]);
    const response = new Response(body.stream, { headers: { 'content-length': '1000' } });
    await assert.rejects(readBodyText(response, open, 100), { code: 'bad-response', message: /1000/ });
    assert.deepEqual([body.pulled(), body.cancelled()], [0, true]);
  });

  it('stops reading an endless body once past the cap', async () => {
    const body = countingStream(() => new Uint8Array(1024));
    await assert.rejects(readBodyText(new Response(body.stream), open, 10 * 1024), { code: 'bad-response' });
    assert.ok(body.pulled() <= 12, `pulled ${body.pulled()} chunks`);
    assert.equal(body.cancelled(), true);
  });

  it("rejects with the signal's reason when it aborts during a read that waits, and cancels the body", async () => {
    const cancelReason: unknown[] = [];
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(bytes('{"value":[')),
      cancel: (reason) => void cancelReason.push(reason),
    });
    const controller = new AbortController();
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    setTimeout(() => controller.abort(reason), 20);
    await assert.rejects(readBodyText(new Response(stream), controller.signal), (err) => err === reason);
    assert.deepEqual(cancelReason, [reason]);
  });

  it('cancels the body without reading it when the signal has already aborted', async () => {
    const body = countingStream([bytes('{}')]);
    const reason = new Error('cancelled');
    await assert.rejects(readBodyText(new Response(body.stream), AbortSignal.abort(reason)), (err) => err === reason);
    assert.deepEqual([body.pulled(), body.cancelled()], [0, true]);
  });

  it('checks the signal after each chunk: a body that keeps coming does not outlive it', async () => {
    const controller = new AbortController();
    const body = countingStream(() => {
      if (body.pulled() === 2) controller.abort(new Error('deadline'));
      return body.pulled() < 5 ? bytes('[') : undefined;
    });
    await assert.rejects(readBodyText(new Response(body.stream), controller.signal), /deadline/);
    assert.equal(body.pulled(), 3);
  });
});
