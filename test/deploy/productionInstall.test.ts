/**
 * Issue 14, point 5: a clean clone of the committed tree, installed as production is installed
 * (`npm ci && npm run build && npm prune --omit=dev`), starts with `node dist/src/index.js`, answers a command,
 * and loads no devDependency (TypeScript included). Needs no podman. Slow: npm ci compiles better-sqlite3.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useTempDir } from '../support/tempDir';
import {
  askEdge,
  devOnlyFolders,
  devPackagesPresent,
  moduleTraceHook,
  run,
  sizeMb,
  useConnectorAndBot,
} from './productionTree';

describe('production install of a clean clone (npm ci, npm run build, npm prune --omit=dev)', function () {
  this.timeout(30 * 60_000);
  const tmp = useTempDir('production');
  let clone: string;
  let npmEnv: NodeJS.ProcessEnv;

  before(async () => {
    clone = path.join(tmp(), 'clone');
    const head = (await run('git', ['rev-parse', 'HEAD'])).stdout.trim();
    await run('git', ['init', '--quiet', clone]);
    await run('git', ['-C', clone, 'fetch', '--quiet', '--depth=1', `file://${process.cwd()}`, head]);
    await run('git', ['-C', clone, 'checkout', '--quiet', 'FETCH_HEAD']);
    // As on a build agent: no NODE_ENV=production (npm ci would skip the compiler), nothing inherited from npm test.
    npmEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('npm_')),
    );
    const npm = async (args: string[]): Promise<number> =>
      (await run('npm', args, { cwd: clone, env: npmEnv })).seconds;
    const ci = await npm(['ci', '--no-audit', '--no-fund']);
    const build = await npm(['run', 'build']);
    const prune = await npm(['prune', '--omit=dev', '--no-audit', '--no-fund']);
    const size = await sizeMb([path.join(clone, 'node_modules'), path.join(clone, 'dist')]);
    const seconds = `npm ci ${ci.toFixed(0)} s, build ${build.toFixed(0)} s, prune ${prune.toFixed(0)} s`;
    console.log(`    clean clone of ${head.slice(0, 8)}: ${seconds}; node_modules + dist ${size} MB`);
  });

  it('holds no devDependency once pruned', () => {
    assert.ok(devOnlyFolders(path.join(clone, 'package-lock.json')).includes('node_modules/typescript'));
    assert.deepEqual(devPackagesPresent(clone, path.join(clone, 'package-lock.json')), []);
  });

  describe('node dist/src/index.js in the pruned tree', () => {
    const running = useConnectorAndBot();

    it('answers /missingkbs microsoft-_-edge and loads only production modules from the clone', async () => {
      const trace = moduleTraceHook(tmp());
      const bot = await running.start(
        { NODE_OPTIONS: `--require ${trace.hook}` },
        { file: process.execPath, args: ['dist/src/index.js'], cwd: clone },
      );
      assert.match(await askEdge(bot, running.connector()), /KB4540673/);
      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });

      const loaded = (JSON.parse(readFileSync(trace.out, 'utf8')) as string[]).filter((f) => f !== trace.hook);
      const outside = loaded.filter((file) => !file.startsWith(`${clone}/`));
      assert.deepEqual(outside, [], 'every module comes from the clone');
      assert.ok(
        loaded.some((file) => file.includes('/node_modules/botbuilder/')),
        'the trace saw dependencies',
      );
      const dev = devOnlyFolders(path.join(clone, 'package-lock.json')).map((folder) => `${clone}/${folder}/`);
      assert.deepEqual(
        loaded.filter((file) => dev.some((folder) => file.startsWith(folder))),
        [],
      );
      assert.deepEqual(
        loaded.filter((file) => /\.[cm]?ts$/.test(file) || file.includes('/node_modules/typescript/')),
        [],
        'compiled JavaScript only: no TypeScript',
      );
    });
  });
});
