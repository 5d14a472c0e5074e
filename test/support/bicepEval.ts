/** What the Web App's environment will be once infra/azure.bicep is deployed: each app setting's Bicep expression evaluated with parameter values and sample resource properties, and each Key Vault reference resolved to the value of the vault secret it names (as App Service does at start). */
import { objectEntries, valueAt, type BicepFile } from './bicep';

/** Values Azure gives resource properties the settings use; a missing one fails the test that needs it. */
const SAMPLE_PROPERTIES: Readonly<Record<string, string>> = {
  'webApp.properties.defaultHostName': 'missingkbs-abc123.azurewebsites.net',
  'appInsights.properties.ConnectionString':
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  'storage.name': 'missingkbsabc123',
  'storage.listKeys().keys[0].value': 'c2FtcGxlLWFjY291bnQta2V5LW5vdC1hLXJlYWwtb25l',
  'environment().suffixes.storage': 'core.windows.net',
  'vault.properties.vaultUri': 'https://missingkbsabc123.vault.azure.net/',
};

/** The app settings (`var` object `name`) as the bot will see them. */
export function appSettingsEnv(
  file: BicepFile,
  name: string,
  params: Readonly<Record<string, string>>,
): Record<string, string> {
  const body = file.vars.get(name);
  if (body === undefined) throw new Error(`no var ${name}`);
  const evaluate = evaluator(file, params);
  const env: Record<string, string> = {};
  for (const [key, expression] of objectEntries(body))
    env[key] = resolveKeyVaultReference(file, evaluate(expression), evaluate);
  return env;
}

/** Evaluates the expressions app settings use: strings with `${}`, parameters, `empty(p) ? a : b`, sample properties. */
function evaluator(file: BicepFile, params: Readonly<Record<string, string>>): (expression: string) => string {
  const paramValue = (name: string): string | undefined => {
    if (Object.hasOwn(params, name)) return params[name];
    const declared = file.params.find((p) => p.name === name);
    if (!declared) return undefined;
    if (declared.defaultValue === undefined) throw new Error(`parameter ${name} is required: give it a value`);
    return evaluate(declared.defaultValue);
  };
  const evaluate = (expression: string): string => {
    const e = expression.trim();
    const ternary = /^empty\((\w+)\) \? (.+?) : (.+)$/.exec(e);
    if (ternary) return evaluate(paramValue(ternary[1]) === '' ? ternary[2] : ternary[3]);
    if (/^'.*'$/.test(e)) {
      return e
        .slice(1, -1)
        .replace(/\$\{([^}]+)\}/g, (_, inner: string) => evaluate(inner))
        .replace(/\\'/g, "'");
    }
    const value = paramValue(e) ?? SAMPLE_PROPERTIES[e] ?? nameOf(file, e, evaluate);
    if (value === undefined)
      throw new Error(`no sample value for the Bicep expression ${e}: add one to SAMPLE_PROPERTIES`);
    return value;
  };
  return evaluate;
}

function resolveKeyVaultReference(file: BicepFile, value: string, evaluate: (e: string) => string): string {
  if (!value.startsWith('@Microsoft.KeyVault(')) return value;
  const uri = /^@Microsoft\.KeyVault\(SecretUri=(https:\/\/[^/]+\/secrets\/([\w-]+))\/?\)$/.exec(value);
  if (!uri) throw new Error(`not a Key Vault reference App Service reads: ${value}`);
  const secret = file.resources.find(
    (r) => r.type === 'Microsoft.KeyVault/vaults/secrets' && objectEntries(r.body).get('name') === `'${uri[2]}'`,
  );
  if (!secret) throw new Error(`the Key Vault reference names a secret the template does not create: ${uri[2]}`);
  return evaluate(valueAt(secret.body, 'properties.value') ?? "''");
}

/** `symbol.name` of a resource whose name is a plain expression; `symbol.properties.secretUri` of a secret. */
function nameOf(file: BicepFile, expression: string, evaluate: (e: string) => string): string | undefined {
  const m = /^(\w+)\.(name|properties\.secretUri)$/.exec(expression);
  const found = m && file.resources.find((r) => r.symbol === m[1]);
  if (!m || !found) return undefined;
  const name = evaluate(objectEntries(found.body).get('name') ?? "''");
  return m[2] === 'name' ? name : `${evaluate('vault.properties.vaultUri')}secrets/${name}`;
}
