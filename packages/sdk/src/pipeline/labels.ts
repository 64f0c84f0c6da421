import { LABELS } from './defaults.js';
import { PipelineError } from './image.js';
import { toKebabCase } from './names.js';

const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelKey =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Why a label is invalid, or `undefined`. */
export function labelProblem(key: string, value: string): string | undefined {
  if (!labelKey.test(key)) return `label key "${key}" is invalid (e.g. team, example.com/team)`;
  if (value.length > 63 || !labelValue.test(value))
    return `label ${key}: value "${value}" is invalid (at most 63 letters, digits, '-', '_' or '.')`;
  return undefined;
}

/**
 * The labels on every object of a pipeline: the pipeline's name, `managed-by: sluice`, and the user's labels with
 * camelCase keys turned kebab-case (`costCenter` → `cost-center`). A label Kubernetes would refuse is a
 * {@link PipelineError} naming it.
 */
export function pipelineLabels(pipeline: string, user: Readonly<Record<string, string>> = {}): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(user)) {
    const label = key.includes('/') ? key : toKebabCase(key);
    const problem = labelProblem(label, value);
    if (problem !== undefined) throw new PipelineError(`pipeline ${pipeline}: labels: ${problem}`);
    labels[label] = value;
  }
  labels[LABELS.partOf] = pipeline;
  labels[LABELS.managedBy] = 'sluice';
  labels[LABELS.pipeline] = pipeline;
  return labels;
}

/** The labels of one stage's pods and objects. */
export function stageLabels(
  base: Readonly<Record<string, string>>,
  stage: string,
  role: string,
): Record<string, string> {
  return { ...base, [LABELS.stage]: stage, [LABELS.role]: role };
}
