// buildMissingKbsCard (src/cards/missingKbsCard.ts): only Update Catalog links, otherwise a catalog search for the KB.
import assert from 'node:assert/strict';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import { kb, result } from '../support/kbs';
import { entries } from '../support/missingKbsCard';

const SEARCH = 'https://www.catalog.update.microsoft.com/Search.aspx?q=';

describe('buildMissingKbsCard', () => {
  describe('catalog links', () => {
    const linkFor = (url: string | undefined, id = '4540673'): string =>
      entries(buildMissingKbsCard(result([kb({ id, url })])))[0].url;

    it('keeps Defender’s https link to the Update Catalog', () => {
      for (const url of [
        'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'https://www.catalog.update.microsoft.com/Search.aspx?q=KB4540673',
        'https://catalog.update.microsoft.com/v7/site/ScopedViewInline.aspx?updateid=0b8f1c9a-1234-4cde-9f00-aa11bb22cc33',
      ]) {
        assert.equal(linkFor(url), url);
      }
    });

    it('keeps a catalog link written in upper case, normalised', () => {
      assert.equal(
        linkFor('HTTPS://Catalog.Update.Microsoft.COM/v7/site/Search.aspx?q=KB4540673'),
        'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
      );
    });

    it('replaces any other link by a catalog search for the KB', () => {
      for (const url of [
        'javascript:alert(document.cookie)',
        'JavaScript:alert(1)',
        'http://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'https://evil.example/Search.aspx?q=KB4540673',
        'https://catalog.update.microsoft.com.evil.example/',
        'https://evil.example/?https://catalog.update.microsoft.com',
        'https://microsoft.com/',
        'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd',
        '//catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
        'not a url',
        '',
        undefined,
      ]) {
        assert.equal(linkFor(url), `${SEARCH}KB4540673`, `link for ${String(url)}`);
      }
    });

    it('encodes the KB id in the search link', () => {
      assert.equal(linkFor(undefined, '12&x=1'), `${SEARCH}${encodeURIComponent('KB12&x=1')}`);
    });
  });
});
