import type { LintIssue } from './types.js';

const REFERENCES = 'argo/template-references';
const VARIABLES = 'argo/variables';

/** `<label> template reference <name>.<template> not found`, where the label ends in the step's or task's name. */
const UNRESOLVED_REF = /\.(tasks|steps\[\d+\])\.([-a-zA-Z0-9]+) template reference (\S+) not found/;
/** A `{{tasks.<name>.…}}` or `{{steps.<name>.…}}` Argo could not resolve. */
const NODE_VARIABLE = /failed to resolve \{\{\s*(tasks|steps)\.([-a-zA-Z0-9]+)\./;

/**
 * Puts root causes before their consequences: a step or task whose `templateRef` is not found has no outputs, so
 * every `{{tasks.<it>.outputs…}}` fails to resolve too. Those template-reference errors move ahead of the first
 * variable error, and each consequent variable error says which unresolved reference it follows from. Every other
 * finding keeps its place.
 *
 * @example
 * ```ts
 * rootCausesFirst(errors).map((e) => e.message);
 * // ['templates.main.tasks.fetch template reference lib.fetch not found; …',
 * //  'templates.main.tasks.gate failed to resolve {{tasks.fetch.outputs.result}} (task fetch: its templateRef lib.fetch is not found)']
 * ```
 */
export function rootCausesFirst(errors: readonly LintIssue[]): LintIssue[] {
  const causes = new Map<string, string>();
  for (const e of errors) {
    const m = e.rule === REFERENCES ? UNRESOLVED_REF.exec(e.message) : null;
    if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
      causes.set(`${m[1].startsWith('steps') ? 'steps' : 'tasks'}.${m[2]}`, m[3]);
    }
  }
  const explained = errors.map((e): LintIssue => {
    const m = e.rule === VARIABLES ? NODE_VARIABLE.exec(e.message) : null;
    const ref = m === null ? undefined : causes.get(`${m[1]}.${m[2]}`);
    if (m === null || ref === undefined) return e;
    const node = m[1] === 'tasks' ? 'task' : 'step';
    return { ...e, message: `${e.message} (${node} ${m[2]}: its templateRef ${ref} is not found)` };
  });
  const firstVariable = explained.findIndex((e) => e.rule === VARIABLES);
  const firstReference = explained.findIndex((e) => e.rule === REFERENCES);
  if (firstVariable < 0 || firstReference < 0 || firstReference < firstVariable) return explained;
  const references = explained.filter((e) => e.rule === REFERENCES);
  const rest = explained.filter((e) => e.rule !== REFERENCES);
  rest.splice(firstVariable, 0, ...references);
  return rest;
}
