/**
 * The webhook's signature: `X-MissingKbs-Signature: sha256=<hex HMAC-SHA256(NOTIFY_SECRET,
 * "<timestamp>.<raw body>")>` with `X-MissingKbs-Timestamp: <Unix seconds>`, accepted within
 * ±5 minutes. The raw body is signed byte for byte, before any parsing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a timestamp may be from our clock. */
export const NOTIFY_WINDOW_SECONDS = 300;

/** The signature header value for a timestamp and raw body. */
export function signNotify(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

/**
 * Why a request's signature was refused, or ok with the timestamp it carried and its digest (the
 * HMAC in lower-case hex: one value per timestamp and body, whatever the header's spelling).
 */
export type SignatureCheck = { ok: true; timestamp: number; digest: string } | { ok: false; reason: string };

/**
 * Checks the two headers against the raw body: format, time window, then HMAC in constant time. The
 * signature header must be exactly `sha256=` and 64 hex digits: nothing trimmed (`trim()` also drops
 * U+00A0, which once let one captured request be replayed under new spellings).
 */
export function checkSignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  nowMs: number,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  const seconds = Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > NOTIFY_WINDOW_SECONDS)
    return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const given = /^sha256=([0-9a-fA-F]{64})$/.exec(signature ?? '')?.[1];
  if (!given) return { ok: false, reason: 'missing or malformed signature' };
  const expected = Buffer.from(signNotify(secret, timestamp, rawBody).slice('sha256='.length), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'wrong signature' };
  return { ok: true, timestamp: seconds, digest: expected.toString('hex') };
}
