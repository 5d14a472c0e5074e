// DefenderClient over HTTP: successful calls (the request sent, the token, the id in the path, the parsed KBs).
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { EDGE, EDGE_KB, kbItem, kbsPath, TOKEN } from '../support/defenderClient';
import { odata } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { sendJson } from '../support/localServer';
import { useClientFixture } from '../support/defenderClient';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('success', () => {
    it('parses the documented example into typed KBs', async () => {
      fx.fake.script(EDGE, { body: fixture('defender/getmissingkbs-edge.json') });
      const result = await fx.client().getMissingKbs(EDGE);
      assert.deepEqual(result, { softwareId: EDGE, kbs: [EDGE_KB], skipped: 0, pages: 1, complete: true });
    });

    it('sends GET /api/Software/{id}/getmissingkbs with the bearer token from the token provider', async () => {
      fx.fake.script(EDGE, { body: fixture('defender/getmissingkbs-edge.json') });
      const getToken = sinon.stub<[], Promise<string>>().resolves(TOKEN);
      await fx.client({ getToken }).getMissingKbs(EDGE);
      assert.deepEqual(fx.fake.requests, [
        {
          method: 'GET',
          path: `/api/Software/${EDGE}/getmissingkbs`,
          url: kbsPath(EDGE),
          authorization: `Bearer ${TOKEN}`,
        },
      ]);
      sinon.assert.calledOnce(getToken);
    });

    it('asks for JSON and sends no body', async () => {
      const server = await fx.local((_req, res) => sendJson(res, odata([kbItem('1')])));
      await fx.client({ baseUrl: server.url }).getMissingKbs(EDGE);
      assert.equal(server.requests.length, 1);
      const [req] = server.requests;
      assert.equal(req.method, 'GET');
      assert.equal(req.url, `/api/Software/${EDGE}/getmissingkbs`);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(req.headers.accept ?? '', /^application\/json\b/);
      assert.equal(req.headers['transfer-encoding'], undefined);
      assert.ok(req.headers['content-length'] === undefined || req.headers['content-length'] === '0');
    });

    it('asks the token provider again on every call', async () => {
      fx.fake.script(EDGE, { body: odata([]) });
      const getToken = sinon.stub<[], Promise<string>>();
      getToken.onFirstCall().resolves('token-one');
      getToken.onSecondCall().resolves('token-two');
      const defender = fx.client({ getToken });
      await defender.getMissingKbs(EDGE);
      await defender.getMissingKbs(EDGE);
      assert.deepEqual(
        fx.fake.requests.map((r) => r.authorization),
        ['Bearer token-one', 'Bearer token-two'],
      );
    });

    it('percent-encodes the software id in the path', async () => {
      const id = 'Contoso-_-a b;d@é&+=';
      fx.fake.script(id, { body: odata([kbItem('77')]) });
      const result = await fx.client().getMissingKbs(id);
      assert.equal(fx.fake.requests.length, 1);
      assert.equal(fx.fake.requests[0].url, '/api/Software/Contoso-_-a%20b%3Bd%40%C3%A9%26%2B%3D/getmissingkbs');
      assert.equal(result.softwareId, id);
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['77'],
      );
    });

    it('accepts a base URL with trailing slashes or a path prefix', async () => {
      fx.fake.script(EDGE, { body: odata([]) });
      await fx.client({ baseUrl: `${fx.fake.url}/` }).getMissingKbs(EDGE);
      await fx.client({ baseUrl: `${fx.fake.url}///` }).getMissingKbs(EDGE);
      assert.deepEqual(
        fx.fake.requests.map((r) => r.url),
        [kbsPath(EDGE), kbsPath(EDGE)],
      );
      const server = await fx.local((_req, res) => sendJson(res, odata([])));
      await fx.client({ baseUrl: `${server.url}/defender` }).getMissingKbs(EDGE);
      assert.equal(server.requests[0].url, `/defender/api/Software/${EDGE}/getmissingkbs`);
    });

    it('ignores unknown fields, skips and counts items without id or name, strips KB, fixes counts', async () => {
      fx.fake.script(EDGE, {
        body: {
          ...odata([
            { ...EDGE_KB, severity: 'Critical', extra: { nested: true } },
            { name: 'No id' },
            { id: '123' },
            { id: '', name: 'Empty id' },
            null,
            { id: 'KB5001', name: 'Prefixed', productsNames: ['edge', 3], machineMissedOn: '12', cveAddressed: -4 },
            { id: 'kb5002', name: 'Lower prefix', machineMissedOn: 2.5 },
          ]),
          '@odata.count': 7,
        },
      });
      const result = await fx.client().getMissingKbs(EDGE);
      assert.equal(result.skipped, 4);
      assert.equal(result.complete, true);
      assert.deepEqual(result.kbs, [
        EDGE_KB,
        { id: '5001', name: 'Prefixed', productsNames: ['edge'], url: undefined, machineMissedOn: 12, cveAddressed: 0 },
        { id: '5002', name: 'Lower prefix', productsNames: [], url: undefined, machineMissedOn: 2, cveAddressed: 0 },
      ]);
    });

    it('returns an empty list for software without missing KBs', async () => {
      fx.fake.script('google-_-chrome', { body: odata([]) });
      assert.deepEqual(await fx.client().getMissingKbs('google-_-chrome'), {
        softwareId: 'google-_-chrome',
        kbs: [],
        skipped: 0,
        pages: 1,
        complete: true,
      });
    });
  });
});
