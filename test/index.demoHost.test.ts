/** The real process (`node dist/src/index.js`) refuses to start an unauthenticated demo on a public interface. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { freePort } from './support/botProcess';
import { waitFor } from './support/http';

describe('demo mode on a public HOST (real process)', () => {
  it('exits 1 before listening, naming the problem and the way out', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', 'dist/src/index.js'], {
      env: { PATH: process.env.PATH ?? '', HOST: '0.0.0.0', PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const ended = (): number | 'listening' | undefined =>
      child.exitCode ?? (output.includes('server.listening') ? 'listening' : undefined);
    try {
      assert.equal(await waitFor(ended, 15_000, 'the process to exit or listen'), 1, output);
    } finally {
      // A process that starts anyway is stopped, not left listening on every interface.
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    assert.match(output, /HOST=0\.0\.0\.0 in demo mode[\s\S]*ALLOW_UNAUTHENTICATED_DEMO=true/);
  });
});
