/** The longest project name: Argo refuses a CronWorkflow whose name is longer than 52 characters. */
export const MAX_PROJECT_NAME_LENGTH = 52;

/**
 * Why `name` cannot name a project, or `undefined` when it can. A project's name becomes its package name and the
 * name of its Kubernetes objects (WorkflowTemplate, CronWorkflow, labels), so it must be a DNS-1123 label: lower-case
 * letters, digits and `-`, starting with a letter, ending with a letter or digit, at most 52 characters.
 *
 * @example
 * ```ts
 * projectNameProblem('customer-features'); // undefined
 * projectNameProblem('My_Pipeline'); // '"My_Pipeline" is not a valid Kubernetes name: …'
 * ```
 */
export function projectNameProblem(name: string): string | undefined {
  const fix = 'use lower-case letters, digits and "-", starting with a letter and ending with a letter or digit';
  if (name.length === 0) return 'the project name is empty';
  if (name.length > MAX_PROJECT_NAME_LENGTH) {
    return `"${name}" is ${name.length} characters long; a Kubernetes name here is at most ${MAX_PROJECT_NAME_LENGTH} (Argo's limit for a CronWorkflow name)`;
  }
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) return `"${name}" is not a valid Kubernetes name: ${fix}`;
  return undefined;
}

/** A suggestion for a directory name that is not a valid project name: `My_Pipeline` → `my-pipeline`. */
export function suggestProjectName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_PROJECT_NAME_LENGTH)
    .replace(/-+$/, '');
  return s === '' ? 'my-pipeline' : s;
}
