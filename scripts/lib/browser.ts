/**
 * Debian's headless Chromium driven by playwright-core (which downloads no browser), with the flags
 * this closed network needs and a fresh profile folder that is removed on close.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium to drive; `CHROMIUM_PATH` overrides Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running browser; `newPage` gives a fresh page, `close` ends it and removes its profile. */
export interface Chromium {
  newPage(viewport: { width: number; height: number }): Promise<Page>;
  /** The browser context, for routes and popups. */
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Whether the Chromium binary is installed. */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Starts Chromium with a new profile in a temporary folder; `online` lets pages reach loopback servers. */
export async function launchChromium(options: { online?: boolean } = {}): Promise<Chromium> {
  const profile = await mkdtemp(path.join(tmpdir(), 'missingkbs-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      offline: !options.online,
    });
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    newPage: async (viewport) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
