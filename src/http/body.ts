/**
 * Reads a response body as text under the request's abort signal and a size cap. The signal is honoured
 * here, not left to `fetch`: in Node 20's undici a garbage collection after the headers can unlink the
 * request's signal from its body (undici issue 4627, `redirect: 'error'`), and the read then runs on
 * for as long as the server sends.
 */
import { AppError } from '../errors';
import { abortReason } from '../time';

/** Default cap for one answer (a Defender page): far above any real page, far below memory trouble. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The body as UTF-8 text. Rejects with the signal's reason as soon as it aborts (the body is cancelled,
 * which closes the connection), and with `bad-response` past `maxBytes` (without reading the rest).
 */
export async function readBodyText(
  response: Response,
  signal: AbortSignal,
  maxBytes = MAX_BODY_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (signal.aborted || (Number.isFinite(declared) && declared > maxBytes)) {
    await response.body?.cancel(signal.reason).catch(() => undefined);
    if (signal.aborted) throw abortReason(signal);
    throw new AppError('bad-response', `The answer was ${declared} bytes long, over the ${maxBytes} limit`);
  }
  if (!response.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  // A listener of our own, held by the signal: cancelling the reader settles a read that is waiting.
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await readAll(reader, signal, maxBytes);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Reads every chunk; checks the signal after each one (a cancelled reader reports `done`). */
async function readAll(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal,
  maxBytes: number,
): Promise<string> {
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw signal.aborted ? abortReason(signal) : err;
    });
    if (signal.aborted) throw abortReason(signal);
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('bad-response', `The answer was over ${maxBytes} bytes long`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
