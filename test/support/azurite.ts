/** Azurite's Blob service (the `azurite` devDependency, resolved from node_modules, not PATH) in a child process on 127.0.0.1 with an ephemeral port, in-memory, silent, telemetry off: a real Blob Storage API on loopback for the BlobStore tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Azurite's well-known development account (documented, not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite Blob service: its endpoint (…/devstoreaccount1), the account-key connection string, stop(). */
export type Azurite = Awaited<ReturnType<typeof startAzurite>>;

/** The connection string of the development account at `blobEndpoint`. */
export function devConnectionString(blobEndpoint: string): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `BlobEndpoint=${blobEndpoint};`
  );
}

/** The Blob service's entry script inside the installed azurite package. */
function azuriteBlobMain(): string {
  const pkgFile = require.resolve('azurite/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> };
  return path.join(path.dirname(pkgFile), pkg.bin['azurite-blob']);
}

/** Starts Azurite's Blob service and waits until it listens. */
export async function startAzurite() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'missingkbs-azurite-'));
  const args = [
    azuriteBlobMain(),
    ...['--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '512'],
    ...['--skipApiVersionCheck', '--silent', '--disableTelemetry'],
  ];
  const child = spawn(process.execPath, args, {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killAtExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killAtExit);
  const cleanUp = (): void => {
    process.removeListener('exit', killAtExit);
    rmSync(workDir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await listeningPort(child);
  } catch (err) {
    await stopChild(child);
    cleanUp();
    throw err;
  }
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return {
    blobEndpoint,
    connectionString: devConnectionString(blobEndpoint),
    stop: async () => {
      await stopChild(child);
      cleanUp();
    },
  };
}

/** The port Azurite announces on stdout; rejects if it exits or stays silent for 30 s. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`Azurite exited (${code}) before listening:\n${output}`));
    const fail = (err: Error): void => {
      clearTimeout(timer);
      reject(err);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

/** SIGTERM (Azurite closes its server and exits), SIGKILL if it lingers; resolves once it exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
