/** Validation of Defender software ids, before any network call. */

/** Longest id accepted; real ids are far shorter. */
export const MAX_SOFTWARE_ID_LENGTH = 200;

/** An id as the user should write it. */
export const EXAMPLE_SOFTWARE_ID = 'microsoft-_-edge';

/** `vendor-_-product`: letters, digits, `_`, `.` and `-`, with the `-_-` separator. */
const SHAPE = /^[a-z0-9_.-]+-_-[a-z0-9_.-]+$/;

/** The outcome of validating what the user typed as a software id. */
export type SoftwareIdCheck = { ok: true; id: string } | { ok: false; reason: string };

/** Checks and normalises (lower case) a software id; says why when it is not one. */
export function checkSoftwareId(raw: string): SoftwareIdCheck {
  if (raw.length === 0) return { ok: false, reason: 'no software id was given' };
  if (raw.length > MAX_SOFTWARE_ID_LENGTH) {
    return { ok: false, reason: `it is longer than ${MAX_SOFTWARE_ID_LENGTH} characters` };
  }
  const id = raw.toLowerCase();
  if (/[\s\p{C}]/u.test(id)) return { ok: false, reason: 'it contains spaces or control characters' };
  if (id.includes('..')) return { ok: false, reason: 'it contains ".."' };
  if (/[^a-z0-9_.-]/.test(id)) return { ok: false, reason: 'only letters, digits, "_", "." and "-" are allowed' };
  if (!SHAPE.test(id)) return { ok: false, reason: 'it is not of the form vendor-_-product' };
  return { ok: true, id };
}
