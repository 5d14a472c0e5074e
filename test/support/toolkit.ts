/** The Agents Toolkit project files as data: m365agents*.yml parsed, checked against the Toolkit's published schema (bundled in test/fixtures/m365agents), and the `${{VAR}}` placeholders of a text. */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { fromRoot } from '../../scripts/lib/paths';

/** One action of a lifecycle. */
export interface ToolkitAction {
  readonly uses: string;
  readonly name?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}

/** A parsed project file. */
export interface ToolkitProject {
  readonly version: string;
  readonly environmentFolderPath: string;
  readonly provision: readonly ToolkitAction[];
  readonly deploy: readonly ToolkitAction[];
  readonly publish?: readonly ToolkitAction[];
}

/** Reads a project file from the root. */
export function readProject(file: string): ToolkitProject {
  return load(readFileSync(fromRoot(file), 'utf8')) as ToolkitProject;
}

/** Schema errors of a project file against the Toolkit's schema v1.13 (none when valid). */
export function schemaErrors(file: string): string[] {
  const schema = JSON.parse(readFileSync(fromRoot('test', 'fixtures', 'm365agents', 'yaml.schema.v1.13.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema as object);
  if (validate(load(readFileSync(fromRoot(file), 'utf8')))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The names in `${{NAME}}` placeholders of a text. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]))];
}

/** Variables the Toolkit itself provides (or asks for) in every environment. */
export const TOOLKIT_BUILT_INS = [
  'TEAMSFX_ENV',
  'APP_NAME_SUFFIX',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
];

/** Variables aadApp/update writes (it generates the scope's id when the manifest uses it). */
export const AAD_UPDATE_WRITES = ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];
