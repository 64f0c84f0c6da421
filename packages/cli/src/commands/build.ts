import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  buildStageImage,
  type ContainerEngineKind,
  defaultBaseImage,
  discoverEngine,
  EngineUnavailableError,
  ImageBuildError,
  stageImagePlan,
} from '@sluice/local';
import { defineCommand, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { isEntryFile, loadManifests } from '../load-manifests.js';

/** `workflow build`: the stage image a pipeline's compiled templates run. */
export default defineCommand({
  name: 'build',
  summary: 'build the stage image of a pipeline (tagged with its image and version) with podman or docker',
  usage:
    'workflow build <entry.ts> [--engine podman|docker] [--generate] [--base IMAGE] [--context DIR] [--output json]',
  description: `
Builds the image a pipeline's stages run, tagged with the image name and version the pipeline declares
(pipeline({ image })), so that workflow run --local --engine podman runs it and the cluster pulls it after a push.
With a Dockerfile in the entry's directory (the one workflow init writes), that Dockerfile is built (context: the
entry's directory, or --context). With --generate, or without a Dockerfile, one is generated: the pinned --base
image, the project's production dependencies (pnpm deploy --prod, offline) and compiled stages under /app at the
paths the compiled workflow names (build the project first), run as the non-root user 10001. Images are built
locally; nothing is pushed or pulled. Exit code 0 when built, 2 for bad input or a failed build.

  --engine: podman or docker (default: podman when on PATH, else docker)
  --generate: ignore the project's Dockerfile and generate one
  --base: base image of the generated Dockerfile (default: ${defaultBaseImage})
  --context: build context of the project's Dockerfile (default: the entry's directory)
  --output: json for one JSON line with the image and its id; text otherwise
`,
  examples: [
    'workflow build pipeline.ts',
    'workflow build pipeline.ts --generate --base localhost/node-base:20.20 --engine podman',
  ],
  options: {
    engine: { type: 'string' },
    generate: { type: 'boolean' },
    base: { type: 'string' },
    context: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  async run({ values, positionals }, io) {
    const [entry, ...rest] = positionals;
    if (entry === undefined || rest.length > 0 || !isEntryFile(entry))
      throw new UsageError('give one pipeline entry: workflow build <entry.ts>');
    const output = values.output ?? 'text';
    if (output !== 'text' && output !== 'json')
      throw new UsageError(`--output: unknown format "${output}"; use text or json`);
    const kind = values.engine ?? 'podman';
    if (kind !== 'podman' && kind !== 'docker')
      throw new UsageError(`--engine: unknown engine "${kind}"; use podman or docker`);
    const loaded = await loadManifests([entry], io.cwd, {}, io.env);
    if (loaded.problems.length > 0) {
      for (const p of loaded.problems) io.stderr.write(`${p.source}: ${p.message}\n`);
      return ExitCode.Usage;
    }
    const projectDir = path.dirname(path.resolve(io.cwd, entry));
    const ownDockerfile = path.join(projectDir, 'Dockerfile');
    try {
      const plan = stageImagePlan(loaded.manifests.map((m) => m.doc));
      const engine = await discoverEngine(
        values.engine === undefined && !existsOnPath('podman', io.env) ? ('docker' as ContainerEngineKind) : kind,
        io.env,
      );
      const useOwn = values.generate !== true && existsSync(ownDockerfile);
      io.stderr.write(
        `building ${plan.image} with ${engine.kind} (${useOwn ? path.relative(io.cwd, ownDockerfile) || 'Dockerfile' : `generated Dockerfile, base ${values.base ?? defaultBaseImage}`})\n`,
      );
      const id = await buildStageImage({
        engine,
        projectDir,
        plan,
        base: values.base,
        ...(useOwn ? { dockerfile: ownDockerfile, context: path.resolve(io.cwd, values.context ?? projectDir) } : {}),
        log: () => undefined,
      });
      if (output === 'json') io.stdout.write(`${JSON.stringify({ image: plan.image, id, engine: engine.kind })}\n`);
      else io.stdout.write(`built ${plan.image} (${id.slice(0, 19)})\n`);
      return ExitCode.Ok;
    } catch (error) {
      if (error instanceof ImageBuildError || error instanceof EngineUnavailableError) {
        io.stderr.write(`workflow build: ${error.message}\n`);
        return ExitCode.Usage;
      }
      throw error;
    }
  },
});

function existsOnPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, command)));
}
