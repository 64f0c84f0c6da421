import type { Command } from './command.js';

/** The commands, loaded lazily so `workflow --version` and `--help` stay fast. */
export const commands: Readonly<Record<string, { summary: string; load: () => Promise<Command> }>> = {
  init: {
    summary: 'start a new project from an example template (--list shows them)',
    load: () => import('./commands/init.js').then((m) => m.default),
  },
  compile: {
    summary: 'compile a TypeScript entry (or a directory of them) to Argo manifests',
    load: () => import('./commands/compile.js').then((m) => m.default),
  },
  import: {
    summary: 'turn Argo YAML (any workflow kind, any supported release) into TypeScript built with @sluice/sdk',
    load: () => import('./commands/import.js').then((m) => m.default),
  },
  lint: {
    summary: 'check manifests and TypeScript entries against Argo’s validator, offline',
    load: () => import('./commands/lint.js').then((m) => m.default),
  },
  graph: {
    summary: 'draw the DAGs and steps of a workflow as Mermaid or Graphviz',
    load: () => import('./commands/graph.js').then((m) => m.default),
  },
  run: {
    summary: 'run a workflow on this machine with Argo’s semantics (--local), with a live view and an HTML report',
    load: () => import('./commands/run.js').then((m) => m.default),
  },
  build: {
    summary: 'build the stage image of a pipeline (tagged with its image and version) with podman or docker',
    load: () => import('./commands/build.js').then((m) => m.default),
  },
  submit: {
    summary: 'submit workflows to an Argo Server (from YAML, a .ts entry, or --from a template)',
    load: () => import('./commands/submit.js').then((m) => m.default),
  },
  deploy: {
    summary:
      'create or update the WorkflowTemplates and CronWorkflows of an entry on the Argo Server (--diff, --prune)',
    load: () => import('./commands/deploy.js').then((m) => m.default),
  },
  get: {
    summary: 'show a workflow on the Argo Server',
    load: () => import('./commands/get.js').then((m) => m.default),
  },
  list: {
    summary: 'list workflows on the Argo Server',
    load: () => import('./commands/list.js').then((m) => m.default),
  },
  watch: {
    summary: 'follow a workflow on the Argo Server until it finishes',
    load: () => import('./commands/watch.js').then((m) => m.default),
  },
  logs: {
    summary: "print a workflow's logs from the Argo Server",
    load: () => import('./commands/logs.js').then((m) => m.default),
  },
  wait: {
    summary: 'wait for workflows on the Argo Server to finish',
    load: () => import('./commands/wait.js').then((m) => m.default),
  },
  delete: {
    summary: 'delete workflows from the Argo Server',
    load: () => import('./commands/delete.js').then((m) => m.default),
  },
  retry: {
    summary: 'retry failed workflows on the Argo Server, in place',
    load: () => import('./commands/retry.js').then((m) => m.default),
  },
  resubmit: {
    summary: 'submit copies of workflows as new workflows',
    load: () => import('./commands/resubmit.js').then((m) => m.default),
  },
  stop: {
    summary: 'stop workflows; their exit handlers still run',
    load: () => import('./commands/stop.js').then((m) => m.default),
  },
  terminate: {
    summary: 'terminate workflows at once, without exit handlers',
    load: () => import('./commands/terminate.js').then((m) => m.default),
  },
  template: {
    summary: 'apply WorkflowTemplates and ClusterWorkflowTemplates to the Argo Server',
    load: () => import('./commands/template.js').then((m) => m.default),
  },
  cron: {
    summary: 'apply, suspend and resume CronWorkflows on the Argo Server',
    load: () => import('./commands/cron.js').then((m) => m.default),
  },
};
