/** The Agents Toolkit project files (m365agents*.yml) as data. */
import { readFileSync } from 'node:fs';
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
