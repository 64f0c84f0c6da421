/** The prefixes of the variables Argo checks; any other `{{tag}}` is free text to the validator. */
const CHECKED_PREFIXES = ['item.', 'steps.', 'inputs.', 'outputs.', 'pod.', 'workflow.', 'tasks.'];

/** Prefixes that always resolve (runtime values, self references). */
const ALWAYS_ALLOWED = [
  'outputs.',
  'workflow.creationTimestamp',
  'workflow.scheduledTime',
  'workflow.duration',
  'tasks.name',
  'steps.name',
  'node.name',
];

/** Magic scope entries: any `item.*` (withParam), any workflow output (a templated globalName). */
export const ANY_ITEM = 'item.*';
/** Any `workflow.outputs.parameters.*`. */
export const ANY_WORKFLOW_OUTPUT_PARAMETER = 'workflow.outputs.parameters.*';
/** Any `workflow.outputs.artifacts.*`. */
export const ANY_WORKFLOW_OUTPUT_ARTIFACT = 'workflow.outputs.artifacts.*';

/** Every `{{…}}` tag of a text, as written (without the braces). `{{=…}}` expressions are included. */
export function tagsOf(text: string): string[] {
  const tags: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return tags;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return tags;
    tags.push(text.slice(open + 2, close));
    from = close + 2;
  }
}

/**
 * The tags of `text` that Argo would fail to resolve in `scope`, each once, in order of appearance, formatted as
 * Argo's message `failed to resolve {{tag}}`.
 */
export function unresolved(text: string, scope: ReadonlySet<string>, templateValidation: boolean): string[] {
  const failures: string[] = [];
  for (const tag of tagsOf(text)) {
    const trimmed = tag.trim();
    if (!CHECKED_PREFIXES.some((p) => trimmed.startsWith(p)) || scope.has(trimmed)) continue;
    if ((trimmed === 'item' || trimmed.startsWith('item.')) && scope.has(ANY_ITEM)) continue;
    if (trimmed.startsWith('workflow.outputs.parameters.') && scope.has(ANY_WORKFLOW_OUTPUT_PARAMETER)) continue;
    if (trimmed.startsWith('workflow.outputs.artifacts.') && scope.has(ANY_WORKFLOW_OUTPUT_ARTIFACT)) continue;
    if (ALWAYS_ALLOWED.some((p) => trimmed.startsWith(p))) continue;
    if (templateValidation && trimmed.startsWith('workflow.parameters')) continue;
    const message = `failed to resolve {{${tag}}}`;
    if (!failures.includes(message)) failures.push(message);
  }
  return failures;
}

/** True when a string is a whole `{{…}}` Argo parameter reference (Argo's `isParameter`). */
export function isParameter(text: string): boolean {
  return /\{\{[-a-zA-Z0-9]+(\.[-a-zA-Z0-9_]+)*\}\}/.test(text);
}

/**
 * Argo's `ProcessArgs` before it checks a template's variables: every tag that names a variable already known
 * (`scope`: the template's inputs, the workflow's globals) is replaced by a placeholder, the same one each time.
 * A tag that does not resolve as a whole but ends in a nested known tag — `{{steps.run-{{inputs.parameters.date}}`
 * as Go's template parser cuts `{{steps.run-{{inputs.parameters.date}}.outputs.result}}` — keeps its outer
 * `{{` and has the inner tag replaced, so the reference becomes `{{steps.run-<placeholder>.outputs.result}}` and
 * matches the step whose name was substituted the same way. Unknown tags are left as written.
 */
export function substituteKnown(text: string, scope: ReadonlySet<string>): string {
  const placeholders = new Map<string, string>();
  const placeholder = (tag: string): string => {
    let value = placeholders.get(tag);
    if (value === undefined) {
      value = `__argo__internal__placeholder-${placeholders.size + 1}`;
      placeholders.set(tag, value);
    }
    return value;
  };
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    const close = open < 0 ? -1 : text.indexOf('}}', open + 2);
    if (close < 0) return out + text.slice(from);
    const tag = text.slice(open + 2, close);
    out += text.slice(from, open);
    const trimmed = tag.trim();
    const nested = tag.lastIndexOf('{{');
    if (scope.has(trimmed)) out += placeholder(trimmed);
    else if (nested > 0 && scope.has(tag.slice(nested + 2))) {
      out += `{{${tag.slice(0, nested)}${placeholder(tag.slice(nested + 2))}`;
    } else out += `{{${tag}}}`;
    from = close + 2;
  }
}
