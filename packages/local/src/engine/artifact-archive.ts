import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import type { Template } from '@sluice/argo-types';

/** How an output artifact is kept in the repository, from its `archive` field (Argo's default: tar + gzip). */
export type ArchiveChoice = { readonly kind: 'none' } | { readonly kind: 'tgz'; readonly level: number };

/** The archive an output artifact asks for; throws naming the template and artifact for one Argo would refuse. */
export function archiveChoice(
  template: Template,
  artifact: {
    readonly name: string;
    readonly archive?: { none?: unknown; tar?: { compressionLevel?: number }; zip?: unknown };
  },
): ArchiveChoice {
  const where = `templates.${template.name}.outputs.artifacts.${artifact.name}.archive`;
  const archive = artifact.archive;
  if (archive?.none !== undefined) return { kind: 'none' };
  if (archive?.zip !== undefined) {
    throw new Error(`${where}: zip unpacks input artifacts only; for an output use tar (the default) or none`);
  }
  const level = archive?.tar?.compressionLevel ?? constants.Z_DEFAULT_COMPRESSION;
  // Go's gzip accepts -2 (Huffman only) to 9; zlib has no Huffman-only level in this API, so -2 is kept as 1.
  if (!Number.isInteger(level) || level < -2 || level > 9) {
    throw new Error(`${where}.tar.compressionLevel: ${level} is not a gzip level; use -1 (default) or 0 to 9`);
  }
  return { kind: 'tgz', level: level === -2 ? 1 : level };
}

/** Runs `tar` to the end, writing its archive of `base` (inside `parent`) to stdout. */
function tarStream(parent: string, base: string) {
  const child = spawn('tar', ['-cf', '-', '-C', parent, base], { stdio: ['ignore', 'pipe', 'pipe'] });
  const errors: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => errors.push(c));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`tar could not start: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`tar failed: ${Buffer.concat(errors).toString('utf8').trim()}`)),
    );
  });
  return { stdout: child.stdout, done };
}

/**
 * Stores an output artifact in the run's local artifact repository as Argo's executor uploads it: `<name>.tgz`
 * (tar + gzip at the artifact's compression level) by default, the file or folder as it is, under its own base
 * name, with `archive: {none: {}}`. Written to a temporary name, then renamed. Returns the stored path.
 *
 * @example
 * ```ts
 * const key = await storeArtifact('/run/repo/wf/pod', 'data', '/run/nodes/pod/fs/tmp/data', { kind: 'tgz', level: 9 });
 * // → /run/repo/wf/pod/data.tgz
 * ```
 */
export async function storeArtifact(
  keyDir: string,
  name: string,
  source: string,
  choice: ArchiveChoice,
): Promise<string> {
  await mkdir(keyDir, { recursive: true });
  // As Argo's executor names them: `<artifact name>.tgz`, or the path's own base name when not archived.
  const target = path.join(keyDir, choice.kind === 'tgz' ? `${name}.tgz` : path.basename(source));
  const temp = `${target}.partial-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  if (choice.kind === 'none') {
    await cp(source, temp, { recursive: true });
  } else {
    const tar = tarStream(path.dirname(source), path.basename(source));
    await Promise.all([pipeline(tar.stdout, createGzip({ level: choice.level }), createWriteStream(temp)), tar.done]);
  }
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
  return target;
}

/** Whether a template's main container log is kept as the `main-logs` artifact (template, then workflow). */
export function archivesLogs(template: Template, workflowArchiveLogs: boolean | undefined): boolean {
  return template.archiveLocation?.archiveLogs ?? workflowArchiveLogs ?? false;
}

/** Stores the node's log as `<keyDir>/main.log`, as Argo's executor saves `main-logs`. */
export async function storeLog(keyDir: string, logFile: string): Promise<string> {
  await mkdir(keyDir, { recursive: true });
  const target = path.join(keyDir, 'main.log');
  const temp = `${target}.partial-${process.pid}`;
  await copyFile(logFile, temp);
  await rename(temp, target);
  return target;
}
