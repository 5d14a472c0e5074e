// scripts/lib/appPackage.ts and scripts/package.ts: the filled manifest passes Microsoft's validator, the zip holds it and the icons.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildAppPackage, validateManifest } from '../../scripts/lib/appPackage';
import { fromRoot } from '../../scripts/lib/paths';
import { deriveTeamsAppId, ManifestError } from '../../src/config/package';
import pkg from '../../package.json';
import { readZip } from '../support/zip';

const APP_ID = '00000000-0000-0000-0000-000000000001';
const ENV = { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.example.com' };

describe('the Teams app package', () => {
  let dir: string;
  let manifest: any;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'missingkbs-package-'));
    manifest = await buildAppPackage(ENV, path.join(dir, 'appPackage.zip'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('fills the manifest from the settings and package.json, and it passed the validator', () => {
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.id, deriveTeamsAppId(APP_ID));
    assert.equal(manifest.bots[0].botId, APP_ID);
    assert.deepEqual(manifest.webApplicationInfo, { id: APP_ID, resource: `api://botid-${APP_ID}` });
    assert.ok(manifest.validDomains.includes('bot.example.com'));
    assert.equal(manifest.developer.websiteUrl, 'https://bot.example.com/');
    assert.ok(!JSON.stringify(manifest).includes('{{'), 'no placeholder is left');
  });

  it('declares a conversational bot in personal, team and group chat with the commands for each scope', () => {
    const [bot] = manifest.bots;
    assert.deepEqual([bot.isNotificationOnly, [...bot.scopes].sort()], [false, ['groupChat', 'personal', 'team']]);
    assert.deepEqual(bot.commandLists.map((list: any) => list.scopes.join()).sort(), ['groupChat', 'personal', 'team']);
    for (const { commands } of bot.commandLists) {
      const titles = commands.map((c: any) => c.title);
      assert.deepEqual(titles, ['missingkbs', 'help', 'watch', 'unwatch', 'watching']);
      for (const c of commands) assert.ok(c.description.length <= 128, `${c.title}: Teams shows 128 characters`);
    }
  });

  it('writes a zip with manifest.json, color.png and outline.png at its root, and the same files to appPackage/', async () => {
    const files = await readZip(path.join(dir, 'appPackage.zip'));
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
    assert.deepEqual(JSON.parse(files.get('manifest.json')!.toString('utf8')), manifest);
    for (const icon of ['color.png', 'outline.png']) {
      assert.ok(files.get(icon)!.equals(await readFile(fromRoot('manifest', icon))), icon);
    }
    assert.deepEqual((await readdir(path.join(dir, 'appPackage'))).sort(), [...files.keys()].sort());
    for (const [name, bytes] of files)
      assert.ok(bytes.equals(await readFile(path.join(dir, 'appPackage', name))), name);
  });

  it('reports what the validator finds wrong, one line per error, or that it could not run (offline)', async () => {
    const broken = { ...manifest, name: { ...manifest.name, short: 'x'.repeat(31) }, accentColor: 'blue' };
    const errors = (await validateManifest(broken)).sort().join('\n');
    assert.match(
      errors,
      /^manifest.json\/accentColor must match pattern .*\nmanifest.json\/name\/short must NOT have more/,
    );
    // A schema it does not bundle would make it download one: it says so instead of hanging on the network.
    const offline = await validateManifest({ ...manifest, $schema: 'https://127.0.0.1:9/nothing.json' });
    assert.deepEqual(offline, [offline[0]]);
    assert.match(offline[0], /^the manifest validator could not run/);
  });

  it('writes nothing and names each missing setting when the environment is incomplete', async () => {
    const file = path.join(dir, 'incomplete.zip');
    const missing = /MicrosoftAppId is missing[^]*BOT_DOMAIN is missing/;
    await assert.rejects(buildAppPackage({}, file), (err) => err instanceof ManifestError && missing.test(err.message));
    assert.ok(!existsSync(file));
  });

  it('npm run package exits 1 with the problems listed, and 0 with a valid environment', async () => {
    const run = promisify(execFile);
    const script = fromRoot('dist', 'scripts', 'package.js');
    const bare = { PATH: process.env.PATH ?? '' };
    await assert.rejects(run(process.execPath, [script], { env: { ...bare, MicrosoftAppId: 'nope' } }), (err: any) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /MicrosoftAppId must be a GUID[\s\S]*BOT_DOMAIN is missing/);
      return true;
    });
    const { stdout } = await run(process.execPath, [script], { env: { ...bare, ...ENV } });
    assert.match(stdout, /Wrote build\/appPackage.zip: .* passed Microsoft's validator/);
  });
});
