/** What the DefenderClient tests share: the bearer token, Defender's Edge example, builders and a per-test fixture. */
import sinon from 'sinon';
import { DefenderClient, type DefenderClientOptions } from '../../src/defender/client';
import { FakeDefender } from './fakeDefender';
import { startLocal, type LocalHandler, type LocalServer } from './localServer';

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

/** Per test: a fake Defender, another on a second origin, hand-written servers (`local`) and a DefenderClient on the first. */
export function useClientFixture() {
  const state: { fake?: FakeDefender; other?: FakeDefender; locals: LocalServer[] } = { locals: [] };
  beforeEach(async () => {
    state.fake = await FakeDefender.start();
    state.other = await FakeDefender.start();
    state.locals = [];
  });
  afterEach(async () => {
    sinon.restore();
    await Promise.all([state.fake?.close(), state.other?.close(), ...state.locals.map((l) => l.close())]);
  });
  return {
    get fake() {
      return state.fake!;
    },
    get other() {
      return state.other!;
    },
    local: async (handle: LocalHandler) => {
      const server = await startLocal(handle);
      state.locals.push(server);
      return server;
    },
    client: (options: Partial<DefenderClientOptions> = {}) =>
      new DefenderClient({ baseUrl: state.fake!.url, getToken: () => Promise.resolve(TOKEN), ...options }),
  };
}
