import { localCommandAnnotation } from '../annotations.js';
import { splitCommand, templateAnnotations } from '../preflight.js';
import { parseLocalCommand } from './local-command.js';
import { runProcess } from './process.js';
import { stageEnvironment } from './stage-env.js';
import type { StartedStep, StepEngine, StepLaunch } from './step-engine.js';

/** The command line a leaf runs on this machine: the local-command annotation, the script, or the mapped image. */
function hostCommand(launch: StepLaunch): string[] {
  const { template: t, map } = launch;
  const annotated = templateAnnotations(t)[localCommandAnnotation];
  if (annotated !== undefined) return parseLocalCommand(annotated, `templates.${t.name}`).map(map);
  if (launch.plan.kind === 'script' && launch.scriptFile !== undefined) {
    return [...launch.plan.interpreter, launch.scriptFile, ...(t.script?.args ?? []).map(map)];
  }
  const container = t.container;
  const prefix = splitCommand(launch.imageMap[container?.image ?? ''] ?? '');
  // An empty mapping (`--map-image busybox=`) runs the container's own command on this machine.
  const rest = container?.command ? (prefix.length === 0 ? container.command : container.command.slice(1)) : [];
  const argv = [...prefix, ...rest.map(map), ...(container?.args ?? []).map(map)];
  if (argv.length === 0) {
    throw new Error(
      `templates.${t.name}: image ${container?.image ?? ''} is mapped to the empty command and the container has no command`,
    );
  }
  return argv;
}

/**
 * Runs a leaf as a process of this machine, as the runner's user, in the run's working directory, with the
 * runner's environment plus the template's: container paths are rewritten into the node's directory, so the files
 * the process writes are already where outputs are read from.
 */
export const hostEngine: StepEngine = {
  name: 'host',
  async start(launch: StepLaunch): Promise<StartedStep> {
    const t = launch.template;
    const command = hostCommand(launch);
    const argv = launch.stages?.command(command) ?? command;
    const env = stageEnvironment(launch.env, t.container?.env ?? t.script?.env ?? [], launch.map);
    Object.assign(env, launch.protocol);
    const stopper = new AbortController();
    const exited = runProcess({
      argv,
      cwd: launch.cwd,
      env,
      logFile: launch.logFile,
      signal: stopper.signal,
      graceMs: launch.graceMs,
      ...(launch.onProcessStart === undefined ? {} : { onStart: launch.onProcessStart }),
    });
    return {
      exited,
      stop: (reason) => stopper.abort(reason),
      collect: async () => undefined,
      dispose: async () => undefined,
    };
  },
};
