/**
 * Image references: a tag or a digest is required, `latest` is rejected (the seed's admission policy).
 */

const reference =
  /^(?<name>[a-z0-9]+(?:[._/-][a-z0-9]+|:[0-9]+\/)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/**
 * Why an image reference is not acceptable for a pipeline stage, or `undefined` when it is.
 * @example
 * ```ts
 * import { imageProblem } from '@sluice/sdk';
 *
 * imageProblem('registry.example.com/data/etl:1.0.0'); // undefined
 * imageProblem('registry.example.com/data/etl:latest'); // why a latest tag is refused, and what to write
 * ```
 */
export function imageProblem(image: string): string | undefined {
  const match = reference.exec(image);
  if (!match?.groups) return `"${image}" is not a valid image reference (e.g. registry.example.com/ml/app:1.4.2)`;
  const { tag, digest } = match.groups;
  if (tag === 'latest')
    return `"${image}" uses the tag "latest", which is mutable: pin a version tag (e.g. :1.4.2) or a digest (@sha256:…)`;
  if (tag === undefined && digest === undefined)
    return `"${image}" has no tag: pin a version tag (e.g. :1.4.2) or a digest (@sha256:…)`;
  return undefined;
}

/**
 * Throws when `image` has no tag or digest, or uses `latest`; `where` names the place (pipeline › stage).
 *
 * @example
 * ```ts
 * assertPinnedImage('registry.example.com/ml/app:1.4.2', 'customer-features › extract'); // ok
 * assertPinnedImage('python', 'customer-features › extract'); // throws: has no tag
 * ```
 */
export function assertPinnedImage(image: string, where: string): void {
  const problem = imageProblem(image);
  if (problem !== undefined) throw new PipelineError(`${where}: image ${problem}`);
}

/**
 * An error in a pipeline definition; its message names the pipeline, the stage and the option.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, PipelineError } from '@sluice/sdk';
 *
 * try {
 *   pipeline('etl', { image: 'etl:latest', namespace: 'data' }).extract(defineStage({ name: 'extract', run() {} }));
 * } catch (error) {
 *   if (error instanceof PipelineError) console.error(error.message); // names the pipeline, the field and the fix
 * }
 * ```
 */
export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
}
