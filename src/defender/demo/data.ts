/** The built-in demo tenant's data: realistic software ids and missing KBs, deterministic. */
import type { MissingKb } from '../types';

const catalog = (kb: string): string => `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${kb}`;

const kb = (id: string, name: string, products: string[], devices: number, cves: number): MissingKb => ({
  id,
  name,
  productsNames: products,
  url: catalog(id),
  machineMissedOn: devices,
  cveAddressed: cves,
});

/** The newest month the demo tenant has updates for; fixed, so the demo and its tests never drift. */
const LAST_MONTH = { year: 2026, month: 10 };

/**
 * Monthly cumulative updates for a Windows release, oldest first, ending at LAST_MONTH: dozens of
 * KBs. A device behind on updates misses every newer one too, so newer KBs are missing on more devices.
 */
function cumulativeUpdates(product: string, label: string, firstKb: number, count: number): MissingKb[] {
  const out: MissingKb[] = [];
  for (let i = 0; i < count; i++) {
    const monthsBack = count - 1 - i;
    const index = LAST_MONTH.year * 12 + (LAST_MONTH.month - 1) - monthsBack;
    const month = String((index % 12) + 1).padStart(2, '0');
    const devices = 9 + i * 4 + ((i * 37) % 11);
    const cves = 18 + ((i * 13) % 47);
    out.push(
      kb(
        String(firstKb + i * 1731),
        `${Math.floor(index / 12)}-${month} Cumulative Update for ${label}`,
        [product],
        devices,
        cves,
      ),
    );
  }
  return out;
}

/** Software ids the demo tenant knows, with their missing KBs. */
export const DEMO_SOFTWARE: ReadonlyMap<string, readonly MissingKb[]> = new Map([
  [
    'microsoft-_-edge',
    [
      kb('4540673', 'March 2020 Security Updates', ['edge'], 240, 14),
      kb('4556803', 'May 2020 Security Updates', ['edge'], 97, 6),
      kb('4561608', 'June 2020 Security Updates', ['edge', 'edge_legacy'], 31, 9),
    ],
  ],
  [
    'microsoft-_-windows_11',
    cumulativeUpdates('windows_11', 'Windows 11 Version 24H2 for x64-based Systems', 5050009, 23),
  ],
  [
    'microsoft-_-windows_10',
    cumulativeUpdates('windows_10', 'Windows 10 Version 22H2 for x64-based Systems', 5049981, 36),
  ],
  [
    'microsoft-_-.net_framework',
    [
      kb('5050187', '2025-01 Cumulative Update for .NET Framework 3.5 and 4.8.1', ['.net_framework'], 58, 1),
      kb('5042350', '2024-09 Security Update for .NET Framework 4.8.1', ['.net_framework'], 12, 2),
    ],
  ],
  [
    'microsoft-_-office',
    [
      kb('5002700', 'Security Update for Microsoft Office 2016 (KB5002700)', ['office'], 44, 3),
      kb('5002623', 'Security Update for Microsoft Office 2016 (KB5002623)', ['office'], 44, 2),
      kb('5002537', 'Security Update for Microsoft Excel 2016 (KB5002537)', ['office', 'excel'], 19, 4),
    ],
  ],
  ['google-_-chrome', []],
  ['mozilla-_-firefox', []],
  ['7-zip-_-7-zip', []],
]);

/** Ids that make the demo tenant fail as Defender can, to show each error card. */
export const DEMO_FAULTS: ReadonlyMap<string, { status: number; code: string; retryAfter?: number }> = new Map([
  ['contoso-_-forbidden', { status: 403, code: 'Forbidden' }],
  ['contoso-_-throttled', { status: 429, code: 'TooManyRequests', retryAfter: 45 }],
  ['contoso-_-unavailable', { status: 503, code: 'ServiceUnavailable' }],
]);
