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

/** Fresh fake servers for each test and a client factory pointed at them. */
export interface ClientFixture {
  /** The Defender fake the client talks to. */
  readonly fake: FakeDefender;
  /** A second fake on another origin (for nextLink and redirect tests). */
  readonly other: FakeDefender;
  /** Starts a hand-written loopback server, closed after the test. */
  local(handle: LocalHandler): Promise<LocalServer>;
  /** A DefenderClient for `fake` with the test token and fast backoff, plus these options. */
  client(options?: Partial<DefenderClientOptions>): DefenderClient;
}

/** Registers beforeEach/afterEach in the calling describe and gives access to that test's servers. */
export function useClientFixture(): ClientFixture {
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
    local: async (handle) => {
      const server = await startLocal(handle);
      state.locals.push(server);
      return server;
    },
    client: (options = {}) =>
      new DefenderClient({
        baseUrl: state.fake!.url,
        getToken: () => Promise.resolve(TOKEN),
        ...options,
      }),
  };
}
