// Fuzzing end to end: text a user types, parsed and run by the real CommandHandler and DefenderClient
// with a recording fetch, never makes a request outside the allowed shapes (test/support/upstreamShapes.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CommandHandler } from '../../src/commands/handler';
import { parseCommand } from '../../src/commands/parse';
import { DefenderClient } from '../../src/defender/client';
import type { FetchLike } from '../../src/defender/types';
import { silentLogger } from '../../src/log';
import { PERSONAL } from '../support/commandHandler';
import { FUZZ as SEEDED, idLike, messageText } from '../support/fuzz';
import { matchUpstream } from '../support/upstreamShapes';

/** A few hundred seeded cases: enough to reach every command kind and hostile token (the first test counts lookups). */
const FUZZ = { ...SEEDED, numRuns: 400 };

/** Defender itself, and a proxy whose path prefix the client must keep (no trailing slash to lean on). */
const BASES = ['https://api.security.microsoft.com', 'https://proxy.contoso.example:8443/defender'];

interface Recorded {
  readonly method: string;
  readonly url: string;
}

/** A fetch that records every request and answers an empty OData page. */
function recordingFetch(into: Recorded[]): FetchLike {
  return (input, init) => {
    into.push({ method: init.method ?? 'GET', url: input });
    return Promise.resolve(
      new Response(JSON.stringify({ value: [] }), { headers: { 'content-type': 'application/json' } }),
    );
  };
}

function clientFor(base: string, fetch: FetchLike): DefenderClient {
  return new DefenderClient({ baseUrl: base, fetch, getToken: () => Promise.resolve('t') });
}

describe('fuzz: no input reaches Defender outside its allowed requests (missing KBs of a valid id, the software list)', function () {
  this.timeout(60_000);

  it('from the message text, through the command handler and the real client (400 cases)', async () => {
    let lookups = 0;
    await fc.assert(
      fc.asyncProperty(messageText, fc.constantFrom(...BASES), async (text, base) => {
        const recorded: Recorded[] = [];
        const client = clientFor(base, recordingFetch(recorded));
        const handler = new CommandHandler(
          (id, request) => client.getMissingKbs(id, request.signal),
          silentLogger,
          (query, request) => client.listSoftware(query, request.signal),
        );
        const command = parseCommand(text);
        await handler.handle(command, PERSONAL);
        if (command.kind === 'missingkbs') assert.equal(recorded.length, 1);
        else if (command.kind === 'find' || command.kind === 'top') assert.ok(recorded.length >= 1);
        else assert.equal(recorded.length, 0);
        for (const request of recorded) {
          const match = matchUpstream(request.method, request.url, base);
          assert.ok(match.ok, `${request.method} ${request.url}: ${match.ok ? '' : match.reason}`);
          if (command.kind !== 'missingkbs') continue;
          assert.equal(match.params.softwareId, command.softwareId);
          lookups++;
        }
      }),
      FUZZ,
    );
    // The generators must reach the interesting branch, or the property proves little.
    assert.ok(lookups > FUZZ.numRuns / 10, `only ${lookups} texts were looked up as /missingkbs <id>`);
  });

  it('from any id handed to the client directly: one safe path segment, same origin, no query (400 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(idLike, fc.string({ unit: 'binary', maxLength: 100 })),
        fc.constantFrom(...BASES),
        async (id, base) => {
          const recorded: Recorded[] = [];
          const outcome = await clientFor(base, recordingFetch(recorded))
            .getMissingKbs(id)
            .then(
              () => 'ok',
              (err: { code?: string }) => err.code,
            );
          if (recorded.length === 0) {
            assert.equal(outcome, 'bad-input', JSON.stringify(id));
            return assert.match(id, /^\.{0,2}$|[/\\%?#\p{C}]/u, `${JSON.stringify(id)} was refused`);
          }
          const [request] = recorded;
          const match = matchUpstream(request.method, request.url, base, { checkParams: false });
          assert.ok(match.ok, `${request.url}: ${match.ok ? '' : match.reason}`);
          // Lone surrogates travel as U+FFFD (UTF-8 cannot carry them).
          assert.equal(match.params.softwareId, Buffer.from(id, 'utf8').toString('utf8'));
        },
      ),
      FUZZ,
    );
  });

  it('refuses requests the shapes do not allow (the check can fail)', () => {
    const base = BASES[0];
    const refused = [
      `${base}/api/Software/microsoft-_-edge/getmissingkbs?$filter=x`,
      `${base}/api/Software/..%2Fmachines/getmissingkbs`,
      `${base}/api/Software/%2e%2e/getmissingkbs`,
      `${base}/api/Software/%252e%252e/getmissingkbs`,
      `${base}/api/Software/a/b/getmissingkbs`,
      `${base}/api/Software/Microsoft-_-Edge/getmissingkbs`,
      `${base}/api/machines/x/getmissingkbs`,
      `https://evil.example/api/Software/microsoft-_-edge/getmissingkbs`,
      `${base}/api/Software/microsoft-_-edge/getmissingkbs#x`,
    ];
    for (const url of refused) assert.equal(matchUpstream('GET', url, base).ok, false, url);
    assert.equal(matchUpstream('POST', `${base}/api/Software/microsoft-_-edge/getmissingkbs`, base).ok, false);
    assert.ok(matchUpstream('GET', `${base}/api/Software/microsoft-_-edge/getmissingkbs`, base).ok);
  });
});
