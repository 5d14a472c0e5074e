/**
 * Telemetry on, end to end: the real bot process with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at
 * a local ingestion stand-in, all inside a network namespace with only loopback (scenario.ts), so any
 * connection elsewhere (statsbeat, the Azure VM metadata address, live metrics) fails and is listed.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ENVELOPE, type Envelope } from '../support/fakeIngestion';
import type { ScenarioResult } from './scenario';

/** Why this machine cannot run the scenario in a namespace, or undefined when it can. */
function whyNoNamespace(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root for unshare -n';
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  return probe.status === 0 ? undefined : 'unshare -n or ip is unavailable';
}

/** Runs scenario.js in a new network namespace with loopback up; resolves with what it printed. */
async function runScenario(): Promise<ScenarioResult> {
  const script = `ip link set lo up && exec "${process.execPath}" "${path.join(__dirname, 'scenario.js')}"`;
  // A failure's message holds the scenario's stderr.
  const { stdout } = await promisify(execFile)('unshare', ['-n', 'sh', '-c', script], { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as ScenarioResult;
}

describe('telemetry to Azure Monitor (real bot process, loopback-only namespace)', function () {
  this.timeout(120_000);
  let result: ScenarioResult;
  let envelopes: Envelope[];

  before(async function () {
    const why = whyNoNamespace();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    result = await runScenario();
    envelopes = result.ingestion.envelopes;
  });

  const named = (name: string): Envelope[] => envelopes.filter((e) => e.name === name);
  const requests = (pathname: string): Envelope[] =>
    named(ENVELOPE.request).filter((e) => new URL(String(e.data?.baseData?.url)).pathname === pathname);

  it('sends the requests (/api/messages, /auth/start, /auth/callback) without their query strings', () => {
    // The command, the token exchange Teams sent (412: consent is needed first) and the search.
    const codes = requests('/api/messages').map((e) => `${e.data?.baseType} ${e.data?.baseData?.responseCode}`);
    assert.deepEqual(codes.sort(), ['RequestData 200', 'RequestData 200', 'RequestData 412']);
    for (const route of ['/auth/start', '/auth/callback']) {
      const [request] = requests(route);
      assert.ok(request, `a request to ${route}`);
      assert.ok(!String(request.data?.baseData?.url).includes('?'), String(request.data?.baseData?.url));
    }
    assert.ok(envelopes.every((e) => e.iKey === '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9'));
  });

  it('sends the Defender, Entra ID and Bot Connector calls as dependencies', () => {
    const dependencies = named(ENVELOPE.dependency).map((e) => e.data?.baseData ?? {});
    const to = (port: number): Record<string, any>[] =>
      dependencies.filter((d) => String(d.target).endsWith(`:${port}`) || String(d.data).includes(`:${port}/`));
    const defender = to(result.ports.defender);
    assert.ok(
      defender.some((d) => String(d.data).endsWith('/api/Software/microsoft-_-edge/getmissingkbs')),
      JSON.stringify(dependencies.map((d) => d.data)),
    );
    // The search: its words went to Defender in the query string, which telemetry leaves out.
    assert.ok(defender.some((d) => String(d.data).endsWith('/api/Software')));
    const withQuery = defender.filter((d) => String(d.data).includes('?'));
    assert.deepEqual(withQuery, [], 'the search words stay out of the URL');
    assert.ok(to(result.ports.entra).length > 0, 'Entra ID calls');
    assert.ok(to(result.ports.connector).length > 0, 'Bot Connector calls');
  });

  it('sends the bot metrics: commands by kind and outcome, Defender latency, sign-ins', () => {
    const metrics = named(ENVELOPE.metric).flatMap((e) => (e.data?.baseData?.metrics ?? []) as { name: string }[]);
    const names = new Set(metrics.map((m) => m.name));
    for (const name of ['missingkbs.commands', 'missingkbs.defender.duration', 'missingkbs.signins']) {
      assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
    }
    const commands = named(ENVELOPE.metric).filter((e) =>
      (e.data?.baseData?.metrics as { name: string }[]).some((m) => m.name === 'missingkbs.commands'),
    );
    assert.ok(commands.some((e) => e.data?.baseData?.properties?.kind === 'missingkbs'));
  });

  it('puts the operation id of each request in the bot log lines written for it', () => {
    const ids = requests('/api/messages').map((e) => e.tags?.['ai.operation.id']);
    const logged = new Set(
      result.output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { operationId?: string }).operationId),
    );
    assert.ok(ids.length > 0 && ids.some((id) => id && logged.has(id)), `${ids.join(', ')} not in the log`);
  });

  it('sends no token, authorization code, state, cookie, secret or typed text', () => {
    const everything = result.ingestion.bodies.join('\n');
    assert.ok(result.secrets.length >= 10);
    for (const secret of result.secrets) {
      assert.ok(secret.length >= 8, 'a real value to look for');
      // A JWT is matched on its signature, the part that cannot be guessed.
      const needle = secret.split('.').length === 3 ? secret.split('.')[2] : secret;
      assert.ok(!everything.includes(needle), `telemetry holds ${secret.slice(0, 12)}…`);
    }
  });

  it('connects to nothing but loopback: no statsbeat, no Azure VM metadata probe, no live metrics', () => {
    assert.ok(result.connections.length > 0, 'the connection log works');
    const elsewhere = result.connections.filter((c) => !/^(127\.0\.0\.1|localhost|::1):\d+$/.test(c));
    assert.deepEqual(elsewhere, []);
    assert.ok(result.connections.includes(`127.0.0.1:${result.ports.ingestion}`));
    assert.deepEqual(result.ingestion.others, [], 'only POST /v2.1/track reached the ingestion stand-in');
  });
});
