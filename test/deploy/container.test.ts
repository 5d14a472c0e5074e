/**
 * Issue 14, point 4: the Dockerfile, built with podman on a base made here (Debian bookworm + this machine's
 * Node: no image registry is reachable), gives an image that runs as a non-root user with production
 * dependencies only, an exec-form entry and a HEALTHCHECK. `podman run` fails here (cgroups), so the test
 * starts the entry itself: `chroot` into the container's root as the image's user, with the image's env.
 * Slow: ~10 min the first run of a day on a loaded machine (debootstrap, apt-get, npm ci), ~1 min later.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFlags } from '../../scripts/lib/startCommand';
import type { BotCommand } from '../support/botProcess';
import { containerToolsMissing, podmanEnv, testBaseImage, which } from './podman';
import { askEdge, devPackagesPresent, run, useConnectorAndBot } from './productionTree';

const IMAGE = 'localhost/missingkbs-bot:test';

/** What `podman image inspect` says of the image (the parts checked and used here). */
interface Inspected {
  Config: { User?: string; Env?: string[]; Entrypoint?: string[]; Cmd?: string[]; WorkingDir?: string };
  Healthcheck?: { Test?: string[] };
}

describe('container image (Dockerfile, built with podman)', function () {
  this.timeout(45 * 60_000);
  let tmp: string | undefined;
  let env: NodeJS.ProcessEnv;
  let image: Inspected;
  let container: string | undefined;
  let root: string;

  before(async function () {
    const missing = containerToolsMissing();
    if (missing) {
      // .ci/run installs podman and debootstrap and runs as root; only a machine where that failed gets here.
      console.warn(`    skipped: ${missing}`);
      this.skip();
    }
    tmp = mkdtempSync(path.join(tmpdir(), 'missingkbs-container-'));
    env = podmanEnv(tmp);
    let started = Date.now();
    const base = await testBaseImage(env, tmp);
    const baseSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    const buildArgs = ['--isolation', 'chroot', '--format', 'docker', '--build-arg', `BASE_IMAGE=${base}`];
    await run('podman', ['build', ...buildArgs, '--tag', IMAGE, '.'], { env });
    const buildSeconds = (Date.now() - started) / 1000;
    [image] = JSON.parse((await run('podman', ['image', 'inspect', IMAGE], { env })).stdout) as Inspected[];
    container = (await run('podman', ['create', IMAGE], { env })).stdout.trim();
    root = (await run('podman', ['mount', container], { env })).stdout.trim();
    console.log(`    base image ${baseSeconds.toFixed(0)} s, podman build ${buildSeconds.toFixed(0)} s`);
  });

  after(async () => {
    // podman needs the containers.conf in tmp: the folder goes last.
    if (container) await run('podman', ['rm', '--force', container], { env });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("runs node dist/src/index.js in exec form with npm start's flags, as a non-root user, with NODE_ENV=production", () => {
    const entry = [...(image.Config.Entrypoint ?? []), ...(image.Config.Cmd ?? [])];
    // Exec form: node itself is PID 1 and gets SIGTERM, no shell in between; npm start's flags.
    assert.deepEqual(entry, ['node', ...startFlags(), 'dist/src/index.js']);
    const user = image.Config.User ?? '';
    assert.ok(user !== '' && !/^(root|0)(:|$)/.test(user), `non-root user (got "${user}")`);
    assert.ok(image.Config.Env?.includes('NODE_ENV=production'));
  });

  it('checks its health on /healthz with node itself (no curl in slim images)', () => {
    const test = image.Healthcheck?.Test ?? [];
    assert.equal(test[0], 'CMD');
    assert.equal(test[1], 'node');
    assert.match(test.join(' '), /\/healthz/);
  });

  it('holds production dependencies only, with better-sqlite3 compiled in the build stage', () => {
    const app = path.join(root, image.Config.WorkingDir ?? '/');
    assert.deepEqual(devPackagesPresent(app, 'package-lock.json'), []);
    assert.ok(readFileSync(path.join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).length > 0);
  });

  describe('its entry, started as the image user', () => {
    const running = useConnectorAndBot();

    /** argv running `command` inside the container's root as the image's user, in its working directory. */
    function asImageUser(command: readonly string[]): BotCommand & { args: string[] } {
      const workDir = image.Config.WorkingDir ?? '/';
      const args = [`--userspec=${image.Config.User}`, root, 'env', '-C', workDir, ...command];
      return { file: which('chroot') ?? 'chroot', args };
    }

    /** The image's environment as a map; HOST on loopback, so demo mode serves nobody else. */
    function imageEnv(): Record<string, string> {
      const pairs = (image.Config.Env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]);
      return { ...Object.fromEntries(pairs), HOST: '127.0.0.1' };
    }

    it('answers /healthz, its HEALTHCHECK and /missingkbs microsoft-_-edge, then stops on SIGTERM with exit 0', async () => {
      const entry = [...(image.Config.Entrypoint ?? []), ...(image.Config.Cmd ?? [])];
      const bot = await running.start(imageEnv(), asImageUser(entry));
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${bot.child.pid}/status`, 'utf8'))?.[1];
      assert.equal(uid, image.Config.User?.split(':')[0], 'the process runs as the image user');

      const health = await fetch(`${bot.url}/healthz`);
      assert.equal(health.status, 200);
      const port = new URL(bot.url).port;
      const check = asImageUser(['PORT=' + port, ...(image.Healthcheck?.Test ?? []).slice(1)]);
      await run(check.file, check.args, { env: imageEnv() });

      assert.match(await askEdge(bot, running.connector()), /KB4540673/);
      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      assert.match(bot.output(), /"server\.stopped"/);
    });
  });
});
