/** Assertions shared by the command parser tests (src/commands/parse.ts). */
import assert from 'node:assert/strict';
import { parseCommand } from '../../src/commands/parse';

/** Asserts that text parses to a missingkbs command for `id`. */
export function assertId(text: string, id: string): void {
  assert.deepEqual(parseCommand(text), { kind: 'missingkbs', softwareId: id }, `parse ${JSON.stringify(text)}`);
}
