/** Typed reads of environment variables that collect every problem instead of stopping at the first. */

/** The environment, as process.env gives it. */
export type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads keys from an environment; each malformed value adds a problem and yields the fallback. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** A trimmed value, or undefined when unset or blank. */
  str(key: string): string | undefined {
    const value = this.env[key]?.trim();
    return value ? value : undefined;
  }

  /** A whole number within bounds. */
  int(key: string, fallback: number, min: number, max: number): number {
    const raw = this.str(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** An http(s) URL without credentials, query or fragment, with trailing slashes removed. */
  url(key: string, options: { httpsOnly?: boolean } = {}): string | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    if (!isPlainUrl(raw, options.httpsOnly === true)) {
      const scheme = options.httpsOnly ? 'an https' : 'an http(s)';
      this.problems.push(
        `${key} must be ${scheme} URL without credentials, query or fragment (got "${redactUrl(raw)}")`,
      );
      return undefined;
    }
    return raw.replace(/\/+$/, '');
  }

  /** A GUID, as Entra ID writes app and tenant ids. */
  guid(key: string): string | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    if (!GUID.test(raw)) {
      this.problems.push(`${key} must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "${raw}")`);
      return undefined;
    }
    return raw.toLowerCase();
  }

  /** A comma-separated list of GUIDs. */
  guidList(key: string): string[] {
    const raw = this.str(key);
    if (raw === undefined) return [];
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = items.filter((s) => !GUID.test(s));
    if (bad.length > 0)
      this.problems.push(`${key} must list tenant GUIDs separated by commas (bad: ${bad.join(', ')})`);
    return items.filter((s) => GUID.test(s)).map((s) => s.toLowerCase());
  }

  /** A DNS host name (BOT_DOMAIN), lower-cased: no scheme, port, path or wildcard. */
  hostName(key: string): string | undefined {
    const raw = this.str(key);
    if (raw === undefined) return undefined;
    if (!isHostName(raw)) {
      this.problems.push(
        `${key} must be a host name such as bot.contoso.com, without https://, port or path (got "${raw}")`,
      );
      return undefined;
    }
    return raw.toLowerCase();
  }

  /** The Application ID URI Teams gets SSO tokens for (SSO_RESOURCE), `api://botid-{appId}` by default when the app id is known. */
  ssoResource(key: string, appId: string | undefined): string | undefined {
    const value = appId ? ssoResourceOf(this.str(key), appId) : this.str(key);
    if (value !== undefined && !isSsoResource(value)) {
      this.problems.push(`${key} must be the Application ID URI, e.g. api://botid-{MicrosoftAppId} (got "${value}")`);
      return undefined;
    }
    return value;
  }

  /** Records a problem found by the caller. */
  problem(message: string): void {
    this.problems.push(message);
  }
}

/** Whether `value` is a GUID. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Whether a value is a DNS host name of two or more labels (no scheme, port, path or wildcard): BOT_DOMAIN. */
export function isHostName(value: string): boolean {
  const labels = value.split('.');
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => HOST_LABEL.test(l)) &&
    !/^\d+$/.test(labels.at(-1)!)
  );
}

/** The Application ID URI Teams gets SSO tokens for: `SSO_RESOURCE`, by default `api://botid-{appId}`. */
export function ssoResourceOf(configured: string | undefined, appId: string): string {
  return configured ?? `api://botid-${appId}`;
}

/** Whether an SSO resource has the form Entra ID accepts for an Application ID URI here (`api://…`). */
export function isSsoResource(value: string): boolean {
  return /^api:\/\/\S+$/.test(value);
}

function isPlainUrl(value: string, httpsOnly: boolean): boolean {
  try {
    const url = new URL(value);
    const schemeOk = url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:');
    return schemeOk && !url.username && !url.password && !/[?#]/.test(value);
  } catch {
    return false;
  }
}

/** A URL for messages: user name and password, if any, are masked. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@');
}
