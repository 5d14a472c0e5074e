/** Builders of MissingKb and MissingKbsResult values for the card tests. */
import type { MissingKb, MissingKbsResult } from '../../src/defender/types';

export function kb(overrides: Partial<MissingKb> = {}): MissingKb {
  return {
    id: '5000001',
    name: 'Security Update',
    productsNames: ['edge'],
    url: 'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB5000001',
    machineMissedOn: 10,
    cveAddressed: 2,
    ...overrides,
  };
}

export function result(kbs: readonly MissingKb[], overrides: Partial<MissingKbsResult> = {}): MissingKbsResult {
  return { softwareId: 'microsoft-_-edge', kbs, skipped: 0, pages: 1, complete: true, ...overrides };
}

export function many(count: number, make: (i: number) => Partial<MissingKb> = () => ({})): MissingKb[] {
  return Array.from({ length: count }, (_, i) =>
    kb({ id: String(5_000_000 + i), machineMissedOn: count - i, cveAddressed: i % 7, ...make(i) }),
  );
}
