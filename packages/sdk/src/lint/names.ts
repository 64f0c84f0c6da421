const FIELD_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const PARAM_NAME = /^[-a-zA-Z0-9_]+$/;

/** Argo's text for a bad template, step, task or container name. */
export const FIELD_NAME_MESSAGE =
  "name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)";
/** Argo's text for a bad parameter or artifact name. */
export const PARAM_NAME_MESSAGE =
  "Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1";

/** What is wrong with a template, step, task or container name (Argo's `isValidWorkflowFieldName`), joined by `;`. */
export function fieldNameProblems(name: string): string | undefined {
  const problems: string[] = [];
  if (name.length > 128) problems.push('must be no more than 128 characters');
  if (!FIELD_NAME.test(name)) problems.push(FIELD_NAME_MESSAGE);
  return problems.length === 0 ? undefined : problems.join(';');
}

/** What is wrong with a parameter or artifact name, if anything. */
export function paramNameProblem(name: string): string | undefined {
  return PARAM_NAME.test(name) ? undefined : PARAM_NAME_MESSAGE;
}

/**
 * Argo's `validateWorkflowFieldNames` over a named list, reporting every problem (not just the first): each is
 * `[<i>].name is required`, `[<i>].name: '<n>' is invalid: <why>` or `[<i>].name '<n>' is not unique`, to be
 * prefixed with the list's label.
 */
export function listNameProblems(
  names: readonly string[],
  kind: 'field' | 'param',
): { index: number; message: string }[] {
  const seen = new Set<string>();
  const problems: { index: number; message: string }[] = [];
  names.forEach((name, index) => {
    if (name === '') {
      problems.push({ index, message: `[${index}].name is required` });
      return;
    }
    const invalid = kind === 'field' ? fieldNameProblems(name) : paramNameProblem(name);
    if (invalid !== undefined) problems.push({ index, message: `[${index}].name: '${name}' is invalid: ${invalid}` });
    else if (seen.has(name)) problems.push({ index, message: `[${index}].name '${name}' is not unique` });
    seen.add(name);
  });
  return problems;
}
