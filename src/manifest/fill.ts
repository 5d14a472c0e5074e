/** Fills the `{{NAME}}` placeholders of manifest/manifest.json from the package settings. */
import { ManifestError, type PackageSettings } from '../config/package';

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The value of each placeholder the manifest template may use. */
export function placeholderValues(settings: PackageSettings): Record<string, string> {
  return {
    MicrosoftAppId: settings.appId,
    TEAMS_APP_ID: settings.teamsAppId,
    SSO_RESOURCE: settings.ssoResource,
    BOT_DOMAIN: settings.botDomain,
    APP_VERSION: settings.version,
  };
}

/**
 * A copy of `template` (parsed JSON) with every `{{NAME}}` in its strings replaced. Values are put
 * into parsed strings, so they cannot change the JSON's shape. Throws on an unknown placeholder.
 */
export function fillManifest<T>(template: T, values: Readonly<Record<string, string>>): T {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        if (Object.hasOwn(values, name)) return values[name];
        unknown.add(name);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const filled = fill(template) as T;
  if (unknown.size > 0) {
    throw new ManifestError([...unknown].map((name) => `manifest.json uses {{${name}}}, which no setting fills`));
  }
  return filled;
}
