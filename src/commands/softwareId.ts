/** Validation of Defender software ids, before any network call. */

/** Longest id accepted; real ids are far shorter. */
export const MAX_SOFTWARE_ID_LENGTH = 200;

/** An id as the user should write it. */
export const EXAMPLE_SOFTWARE_ID = 'microsoft-_-edge';

/** The command text a card button sends for `words` (read back by src/bot/activity.ts), e.g. `/missingkbs <id>`. */
export function commandFor(...words: string[]): string {
  return ['/missingkbs', ...words].join(' ');
}

/** `vendor-_-product`: letters, digits, `_`, `.` and `-`, with the `-_-` separator. */
const SHAPE = /^[a-z0-9_.-]+-_-[a-z0-9_.-]+$/;

/** Why a text is not a software id; the catalogue (errors.invalidIdReasons) words each one. */
export type InvalidIdReason = 'empty' | 'too-long' | 'control' | 'dot-dot' | 'characters' | 'shape';

/** The outcome of validating what the user typed as a software id. */
export type SoftwareIdCheck = { ok: true; id: string } | { ok: false; reason: InvalidIdReason };

/** Checks and normalises (lower case) a software id; says why when it is not one. */
export function checkSoftwareId(raw: string): SoftwareIdCheck {
  if (raw.length === 0) return { ok: false, reason: 'empty' };
  if (raw.length > MAX_SOFTWARE_ID_LENGTH) return { ok: false, reason: 'too-long' };
  const id = raw.toLowerCase();
  if (/[\s\p{C}]/u.test(id)) return { ok: false, reason: 'control' };
  if (id.includes('..')) return { ok: false, reason: 'dot-dot' };
  if (/[^a-z0-9_.-]/.test(id)) return { ok: false, reason: 'characters' };
  if (!SHAPE.test(id)) return { ok: false, reason: 'shape' };
  return { ok: true, id };
}
