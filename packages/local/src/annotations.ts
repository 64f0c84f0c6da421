/**
 * The annotation that marks how a template runs on this machine: a JSON list of arguments
 * (`["node","dist/stages/extract.js","--param","day={{inputs.parameters.day}}"]`) or a plain command line split
 * on spaces. `{{…}}` tags are substituted as in the rest of the template. Argo ignores it.
 */
export const localCommandAnnotation = 'sluice.dev/local-command';

/** The annotation naming an in-process handler (a key of `RunOptions.handlers`) for a template. */
export const localHandlerAnnotation = 'sluice.dev/local-handler';
