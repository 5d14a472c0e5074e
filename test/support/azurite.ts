/** Azurite's Blob service (the `azurite` devDependency, resolved from node_modules, not PATH) in a child process on 127.0.0.1 with an ephemeral port, in-memory, silent, telemetry off: a real Blob Storage API on loopback for the BlobStore tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readyLine, startChild, stopChild } from './child';

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
  const child = startChild(process.execPath, args, {
    cwd: workDir,
    env: { APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
  });
  const stop = async (): Promise<void> => {
    await stopChild(child, 5_000);
    rmSync(workDir, { recursive: true, force: true });
  };
  const [, port] = await readyLine(child, /listens on http:\/\/127\.0\.0\.1:(\d+)/, 30_000, 'Azurite').catch(
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return { blobEndpoint, connectionString: devConnectionString(blobEndpoint), stop };
}
