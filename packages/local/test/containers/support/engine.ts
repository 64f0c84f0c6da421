import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onPath } from '../../../src/engine/container/discover.js';

/** The test image: `FROM scratch` plus a static busybox, built on this machine (no registry is reachable). */
export const busyboxImage = 'localhost/sluice-test-busybox:2';

/** Why the container tests cannot run here, or undefined when podman and a static busybox are available. */
export function containerSkipReason(): string | undefined {
  if (onPath('podman', process.env) === undefined)
    return 'podman is not installed (Debian: apt-get install podman runc busybox-static); container tests skipped';
  const info = spawnSync('podman', ['info', '--format', '{{.Host.OCIRuntime.Name}}'], { encoding: 'utf8' });
  if (info.status !== 0)
    return `podman does not answer ("podman info": ${info.stderr.trim()}); container tests skipped`;
  const busybox = onPath('busybox', process.env);
  if (busybox === undefined)
    return 'busybox is not installed (apt-get install busybox-static); container tests skipped';
  const ldd = spawnSync('ldd', [busybox], { encoding: 'utf8' });
  if (ldd.status === 0 && !`${ldd.stdout}${ldd.stderr}`.includes('not a dynamic executable'))
    return `${busybox} is not static (install busybox-static); container tests skipped`;
  return undefined;
}

/** Builds {@link busyboxImage} once per machine: the static busybox at /bin/busybox, its applets linked in /bin. */
export function ensureBusyboxImage(): void {
  const exists = spawnSync('podman', ['image', 'exists', busyboxImage]);
  if (exists.status === 0) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-busybox-'));
  try {
    copyFileSync(onPath('busybox', process.env) as string, path.join(dir, 'busybox'));
    writeFileSync(
      path.join(dir, 'Containerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'RUN mkdir -m 1777 /tmp',
        '',
      ].join('\n'),
    );
    execFileSync('podman', ['build', '--quiet', '--tag', busyboxImage, dir], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
