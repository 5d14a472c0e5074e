/** Seeded fast-check settings and generators of what users (or attackers) type to the bot. */
import fc from 'fast-check';

/** Every fuzz property runs this many cases, from this seed: failures reproduce exactly. */
export const FUZZ = { seed: 0x6d6b62, numRuns: 10_000 } as const;

/** Characters of valid ids, and tokens that try to escape the path, the query or the validation. */
const ID_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789_.-', 'A', 'Z', '-_-'];
// Space-separated below, so the whitespace and the lone surrogates (which would pair up in one string) stand apart.
const HOSTILE = [
  ...'/ \\ .. . ? # & = % %2e %2E%2E %2f %5c %00 %3f $filter= $top=1 : @ // http://evil.example/'.split(' '),
  ...'\u00a0 &nbsp; \u200b \ufeff \u202e \uff0e \uff0f \u2024 \u212a \u0130 ß 😀 <at>x</at>'.split(' '),
  ...`" ' \` « » “ ( ) [ ] { } ! , ; \${x} * ~ +`.split(' '),
  ' ',
  '\t',
  '\n',
  '\u0000',
  '\ud800',
  '\udc00',
];
/** Ways a message starts: the command in its spellings, a mention, help, or nothing. */
const PREFIXES = [
  ...'|/missingkbs |missingkbs |/MissingKBs |/missing-kb |/missingkb|/missingkbs\u00a0|&nbsp;/missingkbs '.split('|'),
  ...'<at>Bot</at> /missingkbs |help |/missingkbs /missingkbs |?'.split('|'),
];

/** A software-id-like string: valid id characters mixed with hostile tokens. */
export const idLike: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ID_CHARS) }, fc.constantFrom(...HOSTILE)), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

/** A valid id per the documented grammar (vendor-_-product), possibly in mixed case. */
export const validId: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}(\.[a-zA-Z0-9_-]{1,12}){0,2}$/),
    fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}(\.[a-zA-Z0-9_-]{1,12}){0,2}$/),
  )
  .map(([vendor, product]) => `${vendor}-_-${product}`);

/** Any text: arbitrary code points (lone surrogates included), or a command built from the pieces above. */
export const messageText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .tuple(fc.constantFrom(...PREFIXES), idLike, fc.constantFrom('', ' ', '.', '?', '!', ' please'))
    .map((p) => p.join('')),
  fc.tuple(fc.constantFrom(...PREFIXES), validId).map((p) => p.join('')),
);
