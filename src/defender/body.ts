/** Reads a response body as text, refusing bodies larger than a cap. */
import { AppError } from '../errors';

/** Default cap for one Defender answer: far above any real page, far below memory trouble. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The body as UTF-8 text; throws `bad-response` past `maxBytes` (without reading the rest). */
export async function readBodyText(response: Response, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new AppError('bad-response', `Defender answered with ${declared} bytes, over the ${maxBytes} limit`);
  }
  if (!response.body) return '';
  const decoder = new TextDecoder();
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError('bad-response', `Defender answered with over ${maxBytes} bytes`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
