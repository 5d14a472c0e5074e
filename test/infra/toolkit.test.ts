// m365agents.yml and m365agents.local.yml: valid against the Toolkit's schema v1.13, steps in an order
// where every ${{VAR}} is known when used, the Teams package made by npm run package from manifest/,
// and the local run's settings ones the bot reads.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { DEFAULT_PACKAGE_FILE, PACKAGE_FOLDER_NAME } from '../../scripts/lib/appPackage';
import { fromRoot } from '../../scripts/lib/paths';
import { loadConfig } from '../../src/config';
import { readBicep } from '../support/bicep';
import { botConfigKeys } from '../support/configKeys';
import { readProject, type ToolkitAction } from '../support/toolkit';

const FILES = { 'm365agents.yml': 'dev', 'm365agents.local.yml': 'local' } as const;
const PACKAGE_MANIFEST = path.relative(
  fromRoot(),
  path.join(path.dirname(DEFAULT_PACKAGE_FILE), PACKAGE_FOLDER_NAME, 'manifest.json'),
);

/** Variables the Toolkit itself provides (or asks for) in every environment. */
const TOOLKIT_BUILT_INS = ['TEAMSFX_ENV', 'APP_NAME_SUFFIX', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];
/** Variables aadApp/update writes (it generates the scope's id when the manifest uses it). */
const AAD_UPDATE_WRITES = ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];

const read = (file: string): string => readFileSync(fromRoot(file), 'utf8');
const envFileKeys = (env: string): string[] =>
  [...read(`env/.env.${env}`).matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
const args = (actions: readonly ToolkitAction[]): string[] =>
  actions.filter((a) => a.uses === 'cli/runNpmCommand').map((a) => String(a.with?.args));

/** Errors of a project file against the Toolkit's schema v1.13, bundled in test/fixtures/m365agents. */
function schemaErrors(file: string): string[] {
  const schema = JSON.parse(read('test/fixtures/m365agents/yaml.schema.v1.13.json')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  if (validate(load(read(file)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The variables an action reads: its own text, and the files it expands (Entra manifest, ARM parameters). */
function variablesRead(action: ToolkitAction): string[] {
  const rest = { ...action, writeToEnvironmentFile: undefined };
  const templates = (action.with?.templates as { parameters: string }[] | undefined) ?? [];
  const expanded =
    action.uses === 'aadApp/update' ? [String(action.with?.manifestPath)] : templates.map((t) => t.parameters);
  const text = [JSON.stringify(rest), ...expanded.map(read)].join('\n');
  const used = new Set([...text.matchAll(/\$\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]));
  // aadApp/update generates the scope id its manifest uses.
  return [...used].filter((v) => action.uses !== 'aadApp/update' || !AAD_UPDATE_WRITES.includes(v));
}

/** The variables an action writes to the environment file. */
function variablesWritten(action: ToolkitAction): string[] {
  if (action.uses === 'aadApp/update') return AAD_UPDATE_WRITES;
  if (action.uses === 'arm/deploy')
    return [...readBicep('infra', 'azure.bicep').outputs.keys()].map((k) => k.toUpperCase());
  return Object.values(action.writeToEnvironmentFile ?? {});
}

describe('the Agents Toolkit project files', () => {
  for (const [file, env] of Object.entries(FILES)) {
    describe(file, () => {
      const project = readProject(file);

      it('is valid against the Toolkit schema v1.13 it names', () => {
        assert.deepEqual(schemaErrors(file), []);
        assert.ok(
          read(file).startsWith(
            '# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.13/yaml.schema.json\n',
          ),
        );
        assert.equal(project.environmentFolderPath, './env');
      });

      it(
        'uses each variable only once a step (or env/.env.' + env + ') has set it, and env/ lists those it writes',
        () => {
          const known = new Set([...TOOLKIT_BUILT_INS, ...(env === 'local' ? ['BOT_DOMAIN'] : [])]);
          for (const action of [...project.provision, ...project.deploy]) {
            const unknown = variablesRead(action).filter((v) => !known.has(v));
            assert.deepEqual(unknown, [], `${action.uses} (${action.name ?? ''}) uses variables not set yet`);
            for (const v of variablesWritten(action)) known.add(v);
          }
          const written = [...project.provision.flatMap(variablesWritten)].filter((v) => !v.startsWith('SECRET_'));
          const unlisted = written.filter((v) => !envFileKeys(env).includes(v));
          assert.deepEqual(unlisted, [], `env/.env.${env} should list them`);
        },
      );

      it('fills the Teams package from manifest/ with npm run package, then validates, zips and updates that', () => {
        const steps = project.provision.map((a) => a.uses);
        const pack = project.provision.find((a) => a.with?.args === 'run package')!;
        assert.ok(steps.indexOf('aadApp/update') < project.provision.indexOf(pack), 'after the Entra app');
        // The settings readPackageSettings reads (test/config/package.test.ts), from the steps before.
        assert.deepEqual(pack.env, {
          MicrosoftAppId: '${{AAD_APP_CLIENT_ID}}',
          BOT_DOMAIN: '${{BOT_DOMAIN}}',
          TEAMS_APP_ID: '${{TEAMS_APP_ID}}',
        });
        const after = project.provision.slice(project.provision.indexOf(pack) + 1);
        assert.deepEqual(
          after.map((a) => a.uses),
          ['teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update'],
        );
        for (const action of after.slice(0, 2))
          assert.equal(path.normalize(String(action.with?.manifestPath)), PACKAGE_MANIFEST);
        const zip = after[1].with?.outputZipPath;
        for (const action of after.slice(2)) assert.equal(action.with?.appPackagePath, zip);
        assert.equal(steps[0], 'teamsApp/create');
      });
    });
  }

  it('dev: deploys a clean install, built and pruned to production dependencies, to the Web App', () => {
    const { deploy } = readProject('m365agents.yml');
    assert.deepEqual(args(deploy), ['ci --no-audit --no-fund', 'run build', 'prune --omit=dev']);
    const zip = deploy.at(-1)!;
    assert.equal(zip.uses, 'azureAppService/zipDeploy');
    assert.equal(zip.with?.resourceId, '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    const ignored = read(String(zip.with?.ignoreFile))
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    for (const needed of ['dist/', 'dist/src/', 'node_modules/', 'package.json'])
      assert.ok(!ignored.includes(needed), needed);
    for (const left of ['src/', 'test/', 'env/', '.localConfigs', 'infra/']) assert.ok(ignored.includes(left), left);
    // Every file the compiled bot loads by a relative path is deployed (folders ignored are prefixes).
    const folders = ignored.filter((l) => l.endsWith('/'));
    const dist = fromRoot('dist', 'src');
    for (const name of readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const file = path.join(dist, name);
      for (const [, target] of readFileSync(file, 'utf8').matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const loaded = path
          .relative(fromRoot(), path.resolve(path.dirname(file), target))
          .split(path.sep)
          .join('/');
        assert.ok(!folders.some((f) => loaded.startsWith(f)), `${loaded} is loaded by the bot but not deployed`);
      }
    }
  });

  it('local: writes .localConfigs (git-ignored) with settings the bot reads, enough for production mode on loopback', () => {
    const { deploy } = readProject('m365agents.local.yml');
    const write = deploy.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    assert.equal(write.with?.target, './.localConfigs');
    const envs = write.with?.envs as Record<string, string | number>;
    const unread = Object.keys(envs).filter((k) => !botConfigKeys().has(k));
    assert.deepEqual(unread, []);
    const samples: Record<string, string> = {
      AAD_APP_CLIENT_ID: '00000000-0000-0000-0000-0000000000a1',
      AAD_APP_TENANT_ID: '00000000-0000-0000-0000-0000000000b2',
      SECRET_AAD_APP_CLIENT_SECRET: 'local~secret',
      BOT_DOMAIN: 'abcd1234-3978.euw.devtunnels.ms',
    };
    const env = Object.fromEntries(
      Object.entries(envs).map(([k, v]) => [k, String(v).replace(/\$\{\{(\w+)\}\}/g, (_, n: string) => samples[n])]),
    );
    const config = loadConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '127.0.0.1');
    const gitignore = read('.gitignore').split('\n');
    for (const secretFile of ['.localConfigs', 'env/.env.*.user'])
      assert.ok(gitignore.includes(secretFile), secretFile);
  });
});
