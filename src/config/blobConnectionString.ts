/**
 * Azure Storage connection strings, checked the way @azure/storage-blob reads them (names are
 * case-sensitive; an account key needs DefaultEndpointsProtocol; without BlobEndpoint it needs
 * EndpointSuffix), so a bad one is reported at start instead of at the first alert. Problems name
 * settings, never their values: the string carries an account key or a SAS.
 */

/** How the bot authenticates to the storage account. */
export type BlobCredentialKind = 'development storage' | 'account key' | 'SAS';

/** What can be said about a connection string without revealing its secret. */
export interface BlobConnectionInfo {
  readonly credential: BlobCredentialKind;
  readonly account: string;
  /** The Blob service URL (no query). */
  readonly blobEndpoint: string;
}

const KNOWN = [
  'DefaultEndpointsProtocol',
  'AccountName',
  'AccountKey',
  'EndpointSuffix',
  'BlobEndpoint',
  'QueueEndpoint',
  'TableEndpoint',
  'FileEndpoint',
  'SharedAccessSignature',
  'UseDevelopmentStorage',
  'DevelopmentStorageProxyUri',
];

const DEV_ENDPOINT = 'http://127.0.0.1:10000/devstoreaccount1';

/** Parses a connection string: its description, or the problems found (without secret values). */
export function parseBlobConnectionString(raw: string): { info?: BlobConnectionInfo; problems: string[] } {
  const problems: string[] = [];
  const parts = new Map<string, string>();
  for (const segment of raw.split(';').map((s) => s.trim())) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = eq > 0 ? segment.slice(0, eq).trim() : undefined;
    // A part that does not look like a setting name may be a pasted secret: never echo it.
    if (name === undefined || !/^[A-Za-z]{1,40}$/.test(name)) {
      problems.push('has a part that is not Name=value');
    } else if (!KNOWN.includes(name)) {
      problems.push(`has an unknown setting ${name}`);
    } else if (parts.has(name)) {
      problems.push(`sets ${name} twice`);
    } else {
      parts.set(name, segment.slice(eq + 1).trim());
    }
  }
  const info = problems.length === 0 ? describe(raw, parts, problems) : undefined;
  return { info: problems.length === 0 ? info : undefined, problems };
}

function describe(raw: string, parts: Map<string, string>, problems: string[]): BlobConnectionInfo | undefined {
  if (parts.has('UseDevelopmentStorage')) {
    if (!/^\s*UseDevelopmentStorage=true(;|\s*$)/.test(raw))
      problems.push('must start with UseDevelopmentStorage=true');
    return { credential: 'development storage', account: 'devstoreaccount1', blobEndpoint: DEV_ENDPOINT };
  }
  const endpoint = parts.get('BlobEndpoint');
  const endpointUrl = endpoint === undefined ? undefined : httpUrl(endpoint);
  if (endpoint !== undefined && !endpointUrl) problems.push('has a BlobEndpoint that is not an http(s) URL');
  const key = parts.get('AccountKey');
  const sas = parts.get('SharedAccessSignature');
  if (key !== undefined && sas !== undefined) problems.push('sets both AccountKey and SharedAccessSignature');
  if (key !== undefined) {
    const protocol = parts.get('DefaultEndpointsProtocol');
    const account = parts.get('AccountName');
    const suffix = parts.get('EndpointSuffix');
    if (protocol !== 'https' && protocol !== 'http') problems.push('needs DefaultEndpointsProtocol=https (or http)');
    if (!account || !/^[a-z0-9]{3,24}$/.test(account)) {
      problems.push('needs AccountName: 3 to 24 lowercase letters and digits');
    }
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) problems.push('has an AccountKey that is not base64');
    if (endpoint === undefined && !suffix)
      problems.push('needs EndpointSuffix (e.g. core.windows.net) or BlobEndpoint');
    const url = endpointUrl ?? `${protocol}://${account}.blob.${suffix}`;
    return { credential: 'account key', account: account ?? '', blobEndpoint: url };
  }
  if (sas !== undefined) {
    if (endpoint === undefined) problems.push('needs BlobEndpoint with SharedAccessSignature');
    if (!/(^|[?&])sig=/.test(sas)) problems.push('has a SharedAccessSignature without sig=');
    const account = parts.get('AccountName') ?? endpointUrl?.replace(/^https?:\/\//, '').split('.')[0] ?? '';
    return { credential: 'SAS', account, blobEndpoint: endpointUrl ?? '' };
  }
  problems.push('needs an AccountKey, a SharedAccessSignature, or UseDevelopmentStorage=true');
  return undefined;
}

/** An http(s) URL without its query, trailing slash removed; undefined if not one. */
function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}
