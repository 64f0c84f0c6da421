import { existsSync } from 'node:fs';
import path from 'node:path';
import { STAGE_MODULE_ANNOTATION } from '@sluice/sdk';

/**
 * The project directory of a file: the nearest directory above it holding a `package.json` (else the file's own
 * directory). Stage commands of a `.ts` entry start there, whichever sub-folder the entry is in.
 */
export function projectDirOf(file: string): string {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
  return dir;
}

/**
 * One message per stage template whose module (its `sluice.dev/stage-module` annotation, relative to the entry's
 * project directory) does not exist: the stage would fail to start, locally and in the image.
 */
export function missingStageModules(entry: string, docs: readonly unknown[]): string[] {
  const project = projectDirOf(entry);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const template of templatesOf(doc)) {
      const module = template.metadata?.annotations?.[STAGE_MODULE_ANNOTATION];
      if (module === undefined || seen.has(`${template.name}:${module}`)) continue;
      seen.add(`${template.name}:${module}`);
      if (existsSync(path.join(project, module))) continue;
      problems.push(
        `stage "${template.name}": its module ${module} does not exist in the project ${path.basename(project)}/ (the directory of package.json); create it with \`export default defineStage({ name: '${template.name}', … })\`, or define the stage in an existing file under stages/`,
      );
    }
  }
  return problems;
}

interface AnnotatedTemplate {
  name?: string;
  metadata?: { annotations?: Record<string, string> };
}

function templatesOf(doc: unknown): AnnotatedTemplate[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const spec = (doc as { spec?: { templates?: unknown; workflowSpec?: { templates?: unknown } } }).spec;
  const templates = spec?.templates ?? spec?.workflowSpec?.templates;
  return Array.isArray(templates) ? (templates as AnnotatedTemplate[]) : [];
}
