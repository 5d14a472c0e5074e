/**
 * Builds the Teams app package: manifest/manifest.json filled from the settings, validated with
 * Microsoft's validator (@microsoft/app-manifest, offline against its bundled schemas), zipped
 * with the two icons at the root.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { fillManifest, placeholderValues } from '../../src/manifest/fill';
import { ManifestError, readPackageSettings } from '../../src/config/package';
import { fromRoot } from './paths';
import { pngSize } from './png';
import { writeZip } from './zip';

/** The icons the manifest names, with the size Teams requires. */
export const ICONS = [
  { name: 'color.png', size: 192 },
  { name: 'outline.png', size: 32 },
] as const;

/** Where the package is written by default. */
export const DEFAULT_PACKAGE_FILE = fromRoot('build', 'appPackage.zip');
/** The package's files unzipped, beside the zip: what the Agents Toolkit validates and zips (m365agents.yml). */
export const PACKAGE_FOLDER_NAME = 'appPackage';

type Env = Readonly<Record<string, string | undefined>>;

/** Fills and validates the manifest; throws a ManifestError listing every problem. */
export async function buildManifest(env: Env): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(await readFile(fromRoot('package.json'), 'utf8')) as { version: string };
  const settings = readPackageSettings(env, pkg.version);
  const template = JSON.parse(await readFile(fromRoot('manifest', 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = fillManifest(template, placeholderValues(settings));
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new ManifestError(errors);
  return manifest;
}

/** Microsoft's schema check of a filled manifest: one readable line per error, none when valid. */
export async function validateManifest(manifest: object): Promise<string[]> {
  try {
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never);
    return errors.map((e) => `manifest.json${e.trim()}`);
  } catch (err) {
    // A $schema the package does not bundle makes it download the schema; offline that fails.
    return [`the manifest validator could not run: ${err instanceof Error ? err.message : String(err)}`];
  }
}

/** Reads the icons and checks their sizes; throws a ManifestError listing every problem. */
export async function readIcons(): Promise<{ name: string; bytes: Buffer }[]> {
  const problems: string[] = [];
  const icons = await Promise.all(
    ICONS.map(async ({ name, size }) => {
      const bytes = await readFile(fromRoot('manifest', name)).catch(() => undefined);
      const shape = bytes && pngSize(bytes);
      if (!shape) problems.push(`manifest/${name} is missing or not a PNG: run npm run icons`);
      else if (shape.width !== size || shape.height !== size) {
        problems.push(`manifest/${name} is ${shape.width}x${shape.height}; Teams needs ${size}x${size}`);
      }
      return { name, bytes: bytes ?? Buffer.alloc(0) };
    }),
  );
  if (problems.length > 0) throw new ManifestError(problems);
  return icons;
}

/** Writes the package to `file`, and its files to the folder `appPackage` beside it; returns the manifest. */
export async function buildAppPackage(env: Env, file = DEFAULT_PACKAGE_FILE): Promise<Record<string, unknown>> {
  const [manifest, icons] = await Promise.all([buildManifest(env), readIcons()]);
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const entries = [{ name: 'manifest.json', bytes: manifestBytes }, ...icons];
  await writeZip(file, entries);
  const folder = path.join(path.dirname(file), PACKAGE_FOLDER_NAME);
  await mkdir(folder, { recursive: true });
  await Promise.all(entries.map((entry) => writeFile(path.join(folder, entry.name), entry.bytes)));
  return manifest;
}
