/** What the DefenderClient tests share: the bearer token, Defender's Edge example, an item builder and the request path. */

export const TOKEN = 'eyJ0eXAi.test-token.0123456789';
export const EDGE = 'microsoft-_-edge';
export const EDGE_KB = {
  id: '4540673',
  name: 'March 2020 Security Updates',
  productsNames: ['edge'],
  url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
  machineMissedOn: 240,
  cveAddressed: 14,
};

/** A minimal documented item. */
export function kbItem(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Update ${id}`, productsNames: ['edge'], machineMissedOn: 1, cveAddressed: 1, ...extra };
}

/** The path the client must request for a software id. */
export function kbsPath(softwareId: string): string {
  return `/api/Software/${encodeURIComponent(softwareId)}/getmissingkbs`;
}
