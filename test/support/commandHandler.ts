/** The CommandHandler tests' harness (a stubbed MissingKbsSource, a capturing logger), request contexts and a token check. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CommandHandler } from '../../src/commands/handler';
import type { MissingKbsSource, RequestContext } from '../../src/commands/types';
import type { MissingKbsResult } from '../../src/defender/types';
import { createLogger } from '../../src/log';
import { logRecords } from './alerts';
import { EDGE_KB } from './defenderClient';

/** Strings that must never reach a log line or a card. */
export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const TOKEN_LIKE = [/eyJ[A-Za-z0-9_-]{10,}/, /bearer\s+\S/i, /authorization/i, /client_secret/i];

export const PERSONAL: RequestContext = { conversationType: 'personal', tenantId: 'tenant-1', userId: 'user-1' };
export const CHANNEL: RequestContext = { conversationType: 'channel', tenantId: 'tenant-1', userId: 'user-1' };
export const GROUP_CHAT: RequestContext = { conversationType: 'groupChat', tenantId: 'tenant-1', userId: 'user-1' };

export const EDGE_RESULT: MissingKbsResult = {
  softwareId: 'microsoft-_-edge',
  kbs: [EDGE_KB],
  skipped: 1,
  pages: 2,
  complete: true,
};

/** A CommandHandler on a stubbed source (answering EDGE_RESULT) and a capturing logger; `records()` parses its lines. */
export type Harness = ReturnType<typeof harness>;

export function harness() {
  const lines: string[] = [];
  const source = sinon.stub<Parameters<MissingKbsSource>, ReturnType<MissingKbsSource>>();
  source.resolves(EDGE_RESULT);
  const handler = new CommandHandler(
    source,
    createLogger('debug', (line) => lines.push(line)),
  );
  return { handler, source, lines, records: () => logRecords(lines) };
}

export function assertNoTokens(text: string): void {
  for (const pattern of TOKEN_LIKE) assert.doesNotMatch(text, pattern);
  assert.ok(!text.includes(TOKEN));
}
