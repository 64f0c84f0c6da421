import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Template } from '@sluice/argo-types';
import type { ContainerEngineInfo } from './discover.js';
import { engineCommand } from './engine-command.js';

/**
 * The base image a generated Dockerfile starts from when none is given: Node 20 on Debian 12, pinned.
 * @example
 * ```ts
 * import { defaultBaseImage, generatedDockerfile } from '@sluice/local';
 *
 * const dockerfile = generatedDockerfile(defaultBaseImage); // FROM node:20.20-bookworm-slim …
 * ```
 */
export const defaultBaseImage = 'node:20.20-bookworm-slim';
/** Where the generated image keeps the project: compiled stages run as `node /app/dist/stages/<stage>.js`. */
export const appRoot = '/app';
/** The non-root user the stage image runs as (the compiled templates ask for it). */
export const stageUser = 10001;

/**
 * A stage image could not be built; the message says what to do. Exit code 2 in the CLI.
 * @example
 * ```ts
 * import { buildStageImage, discoverEngine, ImageBuildError, stageImagePlan } from '@sluice/local';
 *
 * const engine = await discoverEngine('podman', process.env);
 * try {
 *   await buildStageImage({ engine, projectDir: process.cwd(), plan: stageImagePlan([]), log: console.log });
 * } catch (error) {
 *   if (error instanceof ImageBuildError) console.error(error.message); // the engine's output, and what to fix
 * }
 * ```
 */
export class ImageBuildError extends Error {
  override readonly name = 'ImageBuildError';
}

/**
 * What `workflow build` builds: the stage image and the files the compiled workflow runs from it.
 * @example
 * ```ts
 * import { type StageImagePlan, stageImagePlan } from '@sluice/local';
 *
 * const plan: StageImagePlan = stageImagePlan([]);
 * console.log(plan.image, plan.files);
 * ```
 */
export interface StageImagePlan {
  /** The image name and version the pipeline's stages run (`registry/ml/customer-features:1.4.2`). */
  readonly image: string;
  /** Files under the image's `/app` that stage commands name (`/app/dist/stages/extract-orders.js`). */
  readonly files: readonly string[];
}

function isStage(t: Template): boolean {
  return t.metadata?.labels?.['sluice.dev/stage'] !== undefined && t.container !== undefined;
}

/**
 * The stage image of compiled manifests: the image of the templates that run pipeline stages, and the files under
 * `/app` their commands name. Throws {@link ImageBuildError} when there is none or more than one.
 * @example
 * ```ts
 * import { stageImagePlan } from '@sluice/local';
 * import { container, workflowTemplate } from '@sluice/sdk';
 *
 * const extract = container({
 *   name: 'extract',
 *   container: { image: 'registry.example.com/ml/customer-features:1.4.2', command: ['node', '/app/dist/stages/extract-orders.js'] },
 * });
 * const plan = stageImagePlan([workflowTemplate({ name: 'customer-features' }).entrypoint(extract).toObject()]);
 * // { image: 'registry.example.com/ml/customer-features:1.4.2', files: ['/app/dist/stages/extract-orders.js'] }
 * ```
 */
export function stageImagePlan(manifests: readonly unknown[]): StageImagePlan {
  const images = new Set<string>();
  const files = new Set<string>();
  for (const m of manifests) {
    const doc = m as { kind?: string; spec?: { templates?: Template[]; workflowSpec?: { templates?: Template[] } } };
    const templates = doc.spec?.templates ?? doc.spec?.workflowSpec?.templates ?? [];
    for (const t of templates.filter(isStage)) {
      if (t.container?.image) images.add(t.container.image);
      for (const arg of [...(t.container?.command ?? []), ...(t.container?.args ?? [])]) {
        if (arg.startsWith(`${appRoot}/`)) files.add(arg);
      }
    }
  }
  if (images.size !== 1) {
    throw new ImageBuildError(
      images.size === 0
        ? 'no pipeline stage found: workflow build builds the image of a pipeline() entry (its stages carry the sluice.dev/stage label)'
        : `the stages run ${images.size} images (${[...images].join(', ')}); a pipeline's stages share one image`,
    );
  }
  if ([...images][0]?.endsWith(':latest') || !/:[^/]+$/.test([...images][0] ?? '')) {
    throw new ImageBuildError(
      `stage image "${[...images][0]}" has no pinned version: give pipeline({ image }) a tag other than latest`,
    );
  }
  return { image: [...images][0] as string, files: [...files].sort() };
}

/**
 * The Dockerfile `workflow build` generates: the pinned base, the project's production dependencies and compiled
 * stages under `/app`, owned by root and run as the non-root user 10001 (the root file system stays read-only in
 * the pod, so nothing under `/app` needs to be writable).
 * @example
 * ```ts
 * import { generatedDockerfile } from '@sluice/local';
 *
 * const dockerfile = generatedDockerfile('node:20.20-bookworm-slim');
 * ```
 */
export function generatedDockerfile(base: string): string {
  return [
    '# Generated by `workflow build`: the stage image of a Sluice pipeline.',
    `FROM ${base}`,
    `WORKDIR ${appRoot}`,
    `COPY . ${appRoot}`,
    'ENV NODE_ENV=production',
    `USER ${stageUser}`,
    'ENTRYPOINT ["node"]',
    '',
  ].join('\n');
}

/** Only what runs goes into the generated image. */
const dockerignore = ['*', '!package.json', '!dist', '!node_modules', ''].join('\n');

function findUp(from: string, file: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, file))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Options of {@link buildStageImage}.
 * @example
 * ```ts
 * import { buildStageImage, type BuildStageImageOptions, discoverEngine } from '@sluice/local';
 *
 * const options: BuildStageImageOptions = {
 *   engine: await discoverEngine('podman', process.env),
 *   projectDir: process.cwd(),
 *   plan: { image: 'registry.example.com/data/etl:1.0.0', files: ['/app/dist/stages/extract.js'] },
 *   log: (text) => process.stderr.write(text),
 * };
 * await buildStageImage(options);
 * ```
 */
export interface BuildStageImageOptions {
  readonly engine: ContainerEngineInfo;
  /** The project directory (its package.json names the package). */
  readonly projectDir: string;
  readonly plan: StageImagePlan;
  /** Base image of the generated Dockerfile. */
  readonly base?: string;
  /** Build with the project's own Dockerfile (its context the project directory) instead of generating one. */
  readonly dockerfile?: string;
  /** Build context of the project's own Dockerfile. Default: the project directory. */
  readonly context?: string;
  /** Build output goes here. */
  readonly log: (text: string) => void;
}

/**
 * Builds the stage image: with the project's Dockerfile when given, else from a generated one over a staging
 * directory holding the project's production dependencies (`pnpm deploy --prod`, offline) and compiled stages.
 * Returns the image's id.
 * @example
 * ```ts
 * import { buildStageImage, discoverEngine } from '@sluice/local';
 *
 * const image = await buildStageImage({
 *   engine: await discoverEngine('podman', process.env),
 *   projectDir: process.cwd(),
 *   plan: { image: 'registry.example.com/data/etl:1.0.0', files: ['/app/dist/stages/extract.js'] },
 *   log: (text) => process.stderr.write(text),
 * });
 * ```
 */
export async function buildStageImage(options: BuildStageImageOptions): Promise<string> {
  const { engine, projectDir, plan } = options;
  const cli = (args: readonly string[]) => engineCommand(engine.bin, [...engine.globalFlags, ...args], engine.env);
  const tagArgs = ['--tag', plan.image, '--label', `org.opencontainers.image.version=${plan.image.split(':').at(-1)}`];
  if (options.dockerfile !== undefined) {
    const built = await cli(['build', ...tagArgs, '--file', options.dockerfile, options.context ?? projectDir]);
    options.log(built.stdout + built.stderr);
    if (built.code !== 0)
      throw new ImageBuildError(`${engine.kind} build failed: ${built.stderr.trim().split('\n').at(-1)}`);
    return imageId(engine, plan.image);
  }
  const missing = plan.files.filter((f) => !existsSync(path.join(projectDir, path.relative(appRoot, f))));
  if (missing.length > 0) {
    throw new ImageBuildError(
      `the compiled workflow runs ${missing.map((f) => path.relative(appRoot, f)).join(', ')}, missing in ${projectDir}: build the project first (pnpm build)`,
    );
  }
  const pkg = JSON.parse(await readFile(path.join(projectDir, 'package.json'), 'utf8')) as { name?: string };
  const workspace = findUp(projectDir, 'pnpm-workspace.yaml');
  if (pkg.name === undefined || workspace === undefined) {
    throw new ImageBuildError(
      `${projectDir}: generating the image needs a package.json with a name inside a pnpm workspace (for pnpm deploy --prod); or give --dockerfile`,
    );
  }
  const staging = await mkdtemp(path.join(os.tmpdir(), 'sluice-build-'));
  try {
    const deployed = await engineCommand(
      'pnpm',
      ['--filter', pkg.name, 'deploy', '--prod', '--offline', staging],
      { ...engine.env, CI: 'true' },
      workspace,
    );
    options.log(deployed.stdout + deployed.stderr);
    if (deployed.code !== 0) {
      throw new ImageBuildError(`pnpm deploy --prod failed: ${deployed.stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    await writeFile(path.join(staging, 'Dockerfile'), generatedDockerfile(options.base ?? defaultBaseImage));
    await writeFile(path.join(staging, '.dockerignore'), dockerignore);
    const built = await cli(['build', ...tagArgs, '--file', path.join(staging, 'Dockerfile'), staging]);
    options.log(built.stdout + built.stderr);
    if (built.code !== 0)
      throw new ImageBuildError(`${engine.kind} build failed: ${built.stderr.trim().split('\n').at(-1)}`);
    return imageId(engine, plan.image);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function imageId(engine: ContainerEngineInfo, image: string): Promise<string> {
  const found = await engineCommand(
    engine.bin,
    [...engine.globalFlags, 'image', 'inspect', '--format', '{{.Id}}', image],
    engine.env,
  );
  return found.stdout.trim();
}
