import { formatLintReport, LINTED_KINDS, type LintFormat, lint } from '@sluice/sdk';
import { argoVersionHelp, argoVersionOption, targetArgoVersion } from '../argo-version.js';
import { defineCommand, UsageError } from '../command.js';
import { resolveConfig } from '../config.js';
import { ExitCode } from '../exit-codes.js';
import { loadManifests, writeProblemStacks } from '../load-manifests.js';

const FORMATS: readonly LintFormat[] = ['pretty', 'simple', 'json'];

/** Argo's plural, lower-case kind names for `--kinds`, and the kinds they stand for. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  workflows: 'Workflow',
  workflowtemplates: 'WorkflowTemplate',
  clusterworkflowtemplates: 'ClusterWorkflowTemplate',
  cronworkflows: 'CronWorkflow',
};

function parseKinds(value: string | undefined): readonly string[] {
  if (value === undefined) return LINTED_KINDS;
  return value.split(',').map((k) => {
    const name = k.trim().toLowerCase();
    const kind = KIND_NAMES[name] ?? LINTED_KINDS.find((l) => l.toLowerCase() === name);
    if (kind === undefined) {
      throw new UsageError(`--kinds: unknown kind "${k}"; use ${Object.keys(KIND_NAMES).join(', ')}`);
    }
    return kind;
  });
}

/** `workflow lint`: Argo's validator offline, over files, directories and TypeScript entries. */
export default defineCommand({
  name: 'lint',
  summary: 'check manifests and TypeScript entries against Argo’s validator, offline',
  usage:
    'workflow lint <paths…> [-o pretty|simple|json] [--kinds workflows,…] [--policy | --no-policy] [--config file] [--argo-version 3.7]',
  description: `
Lints Argo manifests the way \`argo lint --offline\` does, but reports every problem, not just the first of each
object: the Argo schema (unknown fields, wrong types), then the rules of Argo's validator with Argo's own messages.
Paths may be .yaml/.yml/.json files, directories (searched recursively for those) and TypeScript entries (.ts,
loaded without a build step: their default and exported workflow objects are linted). Documents of other kinds are
skipped. templateRefs resolve against the WorkflowTemplates among the given paths.
Sluice's policy rules (resource limits, pinned images, Pod Security, labels, …) run on documents compiled from a
pipeline() (an exported pipeline, or objects labelled app.kubernetes.io/managed-by: sluice); --policy, --no-policy or
lint.policy in sluice.config.ts decide for every document. Rule severities come from lint.rules in the nearest
sluice.config.ts (.js, .mjs, .json) above the first path, else above the working directory.
Exit code 0 when everything passes (warnings do not fail), 1 when there are errors or nothing was linted, 2 on bad
arguments, a bad configuration file, or a pipeline whose stage modules are missing.

  --output: report format: pretty (default), simple (one line per error) or json
  --kinds: only lint these kinds: workflows, workflowtemplates, clusterworkflowtemplates, cronworkflows
  --policy: apply the policy rules to every document, not only to pipelines
  --no-policy: apply no policy rules, not even to pipelines
  --config: the configuration file to use instead of the nearest sluice.config.ts
  --verbose: when a TypeScript entry throws while loading, print its full stack
${argoVersionHelp()}
`,
  examples: [
    'workflow lint workflows/',
    'workflow lint pipeline.ts shared-templates.yaml -o simple',
    'workflow lint deploy/ --kinds workflowtemplates,cronworkflows -o json',
    'workflow lint workflows/ --policy',
    'workflow lint deploy/ --config ci/sluice.config.ts',
    'workflow lint workflows/ --argo-version 3.7',
  ],
  options: {
    output: { type: 'string', short: 'o' },
    kinds: { type: 'string' },
    policy: { type: 'boolean' },
    'no-policy': { type: 'boolean' },
    config: { type: 'string' },
    verbose: { type: 'boolean' },
    ...argoVersionOption,
  },
  async run({ values, positionals }, io) {
    const format = FORMATS.find((f) => f === (values.output ?? 'pretty'));
    if (format === undefined) throw new UsageError(`-o: unknown format "${values.output}"; use pretty, simple or json`);
    if (positionals.length === 0) throw new UsageError('give at least one file or directory to lint');
    const kinds = parseKinds(values.kinds);
    if (values.policy === true && values['no-policy'] === true) {
      throw new UsageError('--policy and --no-policy contradict each other; give one');
    }
    const flag = values.policy === true ? true : values['no-policy'] === true ? false : undefined;
    const loadedConfig = await resolveConfig(values.config, positionals, io.cwd);
    const config = loadedConfig?.config;
    const target = await targetArgoVersion(values['argo-version'], io.env, config, loadedConfig?.file);
    const lintConfig = config?.lint ?? {};
    // TypeScript entries compile for the release they are linted for.
    const loaded = await loadManifests(
      positionals,
      io.cwd,
      target.explicit ? { argoVersion: target.version } : {},
      io.env,
    );
    writeProblemStacks(loaded.problems, values.verbose, io);
    const policy = flag ?? lintConfig.policy;
    const results = lint(loaded.manifests, {
      kinds,
      ...(policy === undefined ? {} : { policy }),
      ...(lintConfig.rules === undefined ? {} : { severity: lintConfig.rules }),
      ...(config?.workflowDefaults === undefined ? {} : { workflowDefaults: config.workflowDefaults }),
      argoVersion: target.version,
    });
    const report = formatLintReport(results, format, {
      files: loaded.files,
      fileErrors: loaded.problems,
      color: io.stdout.isTTY === true && io.env.NO_COLOR === undefined,
    });
    io.stdout.write(report.text);
    // A pipeline whose stages cannot start is bad input, as in compile and run.
    if (loaded.problems.some((p) => p.unbuildable)) return ExitCode.Usage;
    return report.ok ? ExitCode.Ok : ExitCode.Failed;
  },
});
