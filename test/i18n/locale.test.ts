// Choosing a language (src/i18n/locale.ts) and writing numbers and plurals (src/i18n/format.ts).
import assert from 'node:assert/strict';
import { formatters, localeOf, localeOfAcceptLanguage } from '../../src/i18n';

describe('localeOf', () => {
  it('reads the language of Teams locales, English for anything without a catalogue', () => {
    for (const tag of ['fr-FR', 'fr-CA', 'fr', 'FR-be', 'fr_FR', ' fr-FR ']) assert.equal(localeOf(tag), 'fr', tag);
    for (const tag of ['en-US', 'en-GB', 'de-DE', 'es', '', 'xx', 'french', undefined])
      assert.equal(localeOf(tag), 'en', String(tag));
  });
});

describe('localeOfAcceptLanguage', () => {
  it('picks the supported language with the highest weight', () => {
    assert.equal(localeOfAcceptLanguage('fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7'), 'fr');
    assert.equal(localeOfAcceptLanguage('de-DE,de;q=0.9,fr;q=0.8,en;q=0.7'), 'fr');
    assert.equal(localeOfAcceptLanguage('de-DE,en;q=0.5,fr;q=0.4'), 'en');
    assert.equal(localeOfAcceptLanguage('en;q=0.2, fr;q=0.8'), 'fr');
    assert.equal(localeOfAcceptLanguage('fr;q=0, en'), 'en');
  });

  it('falls back to English for no header, nothing supported, or nonsense', () => {
    for (const header of [undefined, '', 'de-DE', '*', ';;;,,,', 'fr;q=abc', `${'x,'.repeat(10_000)}fr`]) {
      assert.equal(localeOfAcceptLanguage(header), 'en', String(header).slice(0, 40));
    }
  });
});

describe('formatters', () => {
  it('chooses the plural form by the language’s rules (French: 0 and 1 are singular), numbers as each writes them', () => {
    const en = formatters('en');
    const fr = formatters('fr');
    assert.deepEqual(
      [0, 1, 2].map((n) => en.word(n, 'device', 'devices')),
      ['devices', 'device', 'devices'],
    );
    assert.deepEqual(
      [0, 1, 2].map((n) => fr.word(n, 'appareil', 'appareils')),
      ['appareil', 'appareil', 'appareils'],
    );
    assert.equal(fr.plural(12345, 'appareil', 'appareils'), '12\u202f345 appareils');
    assert.equal(en.plural(12345, 'device', 'devices'), '12,345 devices');
  });

  it('writes UTC date-times in each language', () => {
    const when = Date.UTC(2026, 10, 27, 3, 25);
    assert.match(formatters('en').dateTime(when), /^Nov 27, 2026, 3:25\sAM UTC$/);
    assert.match(formatters('fr').dateTime(when), /^27 nov\. 2026, 03:25 UTC$/);
  });
});
