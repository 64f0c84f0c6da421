import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A Node base image assembled from this machine's files (no registry is reachable here). */
export const nodeBaseImage = 'localhost/sluice-test-node-base:20';

/** The shared libraries `ldd` lists for a binary, with the dynamic loader. */
function sharedLibraries(binary: string): string[] {
  const out = execFileSync('ldd', [binary], { encoding: 'utf8' });
  return [...out.matchAll(/(\/\S+\.so[^\s]*)/g)].map((m) => m[1] as string);
}

/**
 * Builds {@link nodeBaseImage} once per machine: Node's binary at /usr/local/bin/node, the libraries `ldd` lists
 * for it and for the native modules given (DuckDB's binding), a world-writable /tmp and a passwd entry for the
 * stage user 10001 — `podman import`ed from a tarball, as a distroless base would be.
 */
export function ensureNodeBaseImage(nativeModules: readonly string[]): void {
  if (spawnSync('podman', ['image', 'exists', nodeBaseImage]).status === 0) return;
  const root = mkdtempSync(path.join(os.tmpdir(), 'sluice-node-rootfs-'));
  try {
    const place = (from: string, to: string = from) => {
      mkdirSync(path.join(root, path.dirname(to)), { recursive: true });
      copyFileSync(from, path.join(root, to));
      chmodSync(path.join(root, to), 0o755);
    };
    place(process.execPath, '/usr/local/bin/node');
    const system = (lib: string) => lib.startsWith('/lib') || lib.startsWith('/usr/lib');
    for (const lib of new Set([process.execPath, ...nativeModules].flatMap(sharedLibraries)))
      if (system(lib)) place(lib);
    mkdirSync(path.join(root, 'tmp'), { recursive: true });
    chmodSync(path.join(root, 'tmp'), 0o1777);
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    writeFileSync(
      path.join(root, 'etc/passwd'),
      'root:x:0:0:root:/root:/sbin/nologin\nstage:x:10001:10001:stage:/tmp:/sbin/nologin\n',
    );
    writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nstage:x:10001:\n');
    const tarball = path.join(root, '..', `${path.basename(root)}.tar`);
    execFileSync('tar', ['-C', root, '-cf', tarball, '.']);
    try {
      execFileSync(
        'podman',
        [
          'import',
          '--change',
          'ENV PATH=/usr/local/bin:/usr/bin:/bin',
          '--change',
          'ENTRYPOINT ["node"]',
          tarball,
          nodeBaseImage,
        ],
        { stdio: 'pipe' },
      );
    } finally {
      rmSync(tarball, { force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
