/**
 * The real process (`node dist/src/index.js`): it refuses to start an unauthenticated demo on a public
 * interface; on SIGTERM (demo mode, a slow fake Defender) it refuses new connections at once, delivers the
 * reply in flight, exits 0 within the grace period; a second signal exits at once.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort, spawnBot, type BotProcess } from './support/botProcess';
import { EDGE_KB } from './support/defenderClient';
import { FakeConnector } from './support/fakeConnector';
import { FakeDefender, odata } from './support/fakeDefender';
import { cardOf, cardText, teamsActivity } from './support/harness';
import { waitFor } from './support/http';

describe('graceful shutdown on SIGTERM (real process)', function () {
  this.timeout(60_000);
  let defender: FakeDefender;
  let connector: FakeConnector;
  let bot: BotProcess | undefined;

  beforeEach(async () => {
    defender = await FakeDefender.start();
    connector = await FakeConnector.start();
  });
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await bot?.exited;
    await Promise.all([defender.close(), connector.close()]);
  });

  /** Starts the bot with a Defender that answers after `delayMs`, asks it, and waits until the lookup is in flight. */
  async function startAndAsk(delayMs: number, graceSeconds: number): Promise<BotProcess> {
    defender.script('microsoft-_-edge', { delayMs, body: odata([EDGE_KB]) });
    bot = await spawnBot({
      DEFENDER_API_BASE_URL: defender.url,
      DEFENDER_DEV_TOKEN: 'dev-token',
      SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
      LOG_LEVEL: 'info',
    });
    const activity = teamsActivity('personal-message', connector.serviceUrl, '/missingkbs microsoft-_-edge');
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(res.status, 200);
    await waitFor(() => (defender.requests.length > 0 ? true : undefined), 5000, 'the lookup to start');
    return bot;
  }

  /** Whether a new connection to the bot is refused. */
  async function refused(url: string): Promise<boolean> {
    try {
      await fetch(`${url}/healthz`, { headers: { connection: 'close' } });
      return false;
    } catch (err) {
      return String((err as { cause?: { code?: string } }).cause?.code) === 'ECONNREFUSED';
    }
  }

  it('refuses new connections at once, still delivers the reply in flight, and exits 0 within the grace period', async () => {
    const running = await startAndAsk(1500, 10);
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    await waitFor(() => (running.output().includes('server.stopping') ? true : undefined), 5000, 'the stop to begin');
    assert.ok(await refused(running.url), 'a new connection is refused while the reply is still on its way');
    assert.equal(connector.messages().length, 0, 'the reply was still in flight when the signal came');
    const { code, signal } = await running.exited;
    const [reply] = await connector.waitForMessages(1, 1000);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'), 'the reply in flight was delivered');
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    assert.ok(Date.now() - signalled < 10_000, 'within the grace period');
    assert.match(running.output(), /"server\.stopped"/);
  });

  it('aborts work that outlasts the grace period, and still exits 0 soon after it', async () => {
    const running = await startAndAsk(20_000, 1);
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    const { code } = await running.exited;
    assert.equal(code, 0);
    assert.ok(Date.now() - signalled < 5000, 'not held by the 20 s lookup');
    assert.match(running.output(), /"bot\.background_aborted"/);
  });

  it('exits at once on a second signal', async () => {
    const running = await startAndAsk(20_000, 60);
    running.child.kill('SIGTERM');
    await waitFor(() => (running.output().includes('server.stopping') ? true : undefined), 5000, 'the stop to begin');
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    const { code } = await running.exited;
    assert.equal(code, 143);
    assert.ok(Date.now() - signalled < 5000, 'not held by the grace period of 60 s');
    assert.match(running.output(), /"server\.stop_forced"/);
    assert.equal(connector.messages().length, 0);
  });
});

describe('demo mode on a public HOST (real process)', () => {
  it('exits 1 before listening, naming the problem and the way out', async () => {
    const env = { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: String(await freePort()), LOG_LEVEL: 'info' };
    // A process that starts anyway is killed after 15 s, not left listening on every interface.
    const started = promisify(execFile)(process.execPath, ['--disable-warning=DEP0111', 'dist/src/index.js'], {
      env,
      timeout: 15_000,
      killSignal: 'SIGKILL',
    });
    await assert.rejects(started, (err: { code?: number; stdout: string; stderr: string }) => {
      assert.equal(err.code, 1, err.stdout + err.stderr);
      assert.match(err.stdout + err.stderr, /HOST=0\.0\.0\.0 in demo mode[\s\S]*ALLOW_UNAUTHENTICATED_DEMO=true/);
      return true;
    });
  });
});
