/**
 * Podman on these machines: `podman build --isolation chroot` with `default_ulimits = []`, no registry, so the
 * base image is made here from Debian packages (debootstrap) plus this machine's Node and npm, laid out as in
 * the official Node image (/usr/local). Made once a day and kept, so later builds reuse podman's layer cache.
 */
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { run } from './productionTree';

const BASE_REPOSITORY = 'localhost/missingkbs-test-base';
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';

/** The absolute path of a command on PATH (or in the sbin folders), or undefined. */
export function which(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const file = path.join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Why the container test cannot run here, or undefined when it can. */
export function containerToolsMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'podman build, debootstrap and chroot need root';
  const missing = ['podman', 'debootstrap', 'chroot', 'tar'].filter((c) => !which(c));
  if (missing.length > 0) return `${missing.join(', ')} not installed (apt-get install podman debootstrap)`;
  return undefined;
}

/** The environment podman runs with: a containers.conf in `dir` without default ulimits (which fail here). */
export function podmanEnv(dir: string): NodeJS.ProcessEnv {
  const conf = path.join(dir, 'containers.conf');
  writeFileSync(conf, '[containers]\ndefault_ulimits = []\n');
  return { ...process.env, CONTAINERS_CONF: conf };
}

/** Whether podman has an image of that name. */
async function imageExists(name: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return run('podman', ['image', 'exists', name], { env }).then(
    () => true,
    () => false,
  );
}

/** Today's base image (Debian bookworm minbase, this Node, npm and headers), made in `workDir` when missing. */
export async function testBaseImage(env: NodeJS.ProcessEnv, workDir: string): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const name = `${BASE_REPOSITORY}:bookworm-node${process.versions.node}-${today}`;
  if (await imageExists(name, env)) return name;

  const rootfs = path.join(workDir, 'rootfs');
  await run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, DEBIAN_MIRROR], { env });
  const changes = addNode(rootfs);
  // apt's caches and lists: the Dockerfile runs apt-get update itself, as on the official slim image.
  for (const dir of ['var/cache/apt', 'var/lib/apt/lists']) {
    rmSync(path.join(rootfs, dir), { recursive: true, force: true });
    mkdirSync(path.join(rootfs, dir, dir.endsWith('apt') ? 'archives/partial' : 'partial'), { recursive: true });
  }
  const script = 'tar -C "$1" -c . | podman import "${@:3}" - "$2"';
  const changeArgs = changes.flatMap((change) => ['--change', change]);
  await run('bash', ['-o', 'pipefail', '-c', script, 'bash', rootfs, name, ...changeArgs], { env });
  rmSync(rootfs, { recursive: true, force: true });
  await removeOlderBases(name, env);
  return name;
}

/** Copies this machine's node, npm and Node headers into the rootfs; returns the image config changes for them. */
function addNode(rootfs: string): string[] {
  const local = path.join(rootfs, 'usr/local');
  const prefix = path.resolve(path.dirname(realpathSync(process.execPath)), '..');
  mkdirSync(path.join(local, 'bin'), { recursive: true });
  cpSync(process.execPath, path.join(local, 'bin/node'));
  cpSync(path.join(prefix, 'lib/node_modules/npm'), path.join(local, 'lib/node_modules/npm'), { recursive: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(local, 'bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(local, 'bin/npx'));
  const changes = ['ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
  // node-gyp (better-sqlite3) would download the headers from nodejs.org, which is out of reach here.
  if (existsSync(path.join(prefix, 'include/node/node.h'))) {
    cpSync(path.join(prefix, 'include/node'), path.join(local, 'include/node'), { recursive: true });
    changes.push('ENV=npm_config_nodedir=/usr/local');
  }
  // The npm registry may be reached through a proxy this machine trusts: the base trusts it too.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  if (extraCa && existsSync(extraCa)) {
    cpSync(extraCa, path.join(local, 'share/test-extra-ca.crt'));
    changes.push('ENV=NODE_EXTRA_CA_CERTS=/usr/local/share/test-extra-ca.crt');
  }
  return changes;
}

/** Removes the base images of earlier days (their build cache goes with them at the next prune). */
async function removeOlderBases(keep: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { stdout } = await run('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}', BASE_REPOSITORY], { env });
  const names = stdout.split('\n').filter((n) => n.startsWith(`${BASE_REPOSITORY}:`) && n !== keep);
  for (const name of names) await run('podman', ['rmi', name], { env }).catch(() => undefined);
}
