// DefenderClient over HTTP, errors: 200 answers whose body is not the OData envelope.
import assert from 'node:assert/strict';
import { useClientFixture, kbItem } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('gives bad-response for a 200 whose body is not JSON, without retrying', async () => {
      fx.fake.script(ID, { status: 200, body: 'Hello, this is not JSON' }, { body: odata([]) });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
      assert.equal(err.details.softwareId, ID);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('gives bad-response for truncated JSON', async () => {
      const full = JSON.stringify(fixture('defender/getmissingkbs-edge.json'));
      fx.fake.script(ID, {
        status: 200,
        body: full.slice(0, full.length - 20),
        headers: { 'content-type': 'application/json' },
      });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
    });

    it('gives bad-response for an empty 200 body', async () => {
      fx.fake.script(ID, { status: 200 });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'bad-response');
    });

    it('gives bad-response for JSON without a value array', async () => {
      for (const body of [{ '@odata.context': 'x' }, { value: {} }, [kbItem('1')], { error: { code: 'X' } }]) {
        fx.fake.script(ID, { status: 200, body });
        const err = await failure(fx.client().getMissingKbs(ID));
        assert.equal(err.code, 'bad-response', JSON.stringify(body));
        assert.equal(err.details.softwareId, ID);
      }
    });
  });
});
