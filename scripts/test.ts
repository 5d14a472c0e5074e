/**
 * `npm test` after the build: the lint (ESLint, Prettier) and the tests under coverage run at the same
 * time, since mocha mostly waits on sockets and processes while the lint needs a core. Mocha's output
 * streams; the lint's is printed when it ends. Fails if either fails.
 */
import { spawn } from 'node:child_process';

/** Runs an npm script or binary through the shell; resolves with its exit code (and output, if captured). */
function run(command: string, capture: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main(): Promise<void> {
  const [lint, tests] = await Promise.all([run('npm run --silent lint', true), run('npx c8 mocha', false)]);
  process.stdout.write(`\n${lint.code === 0 ? 'lint: passed' : 'lint: FAILED'}\n${lint.code === 0 ? '' : lint.output}`);
  process.exitCode = lint.code || tests.code;
}

void main();
