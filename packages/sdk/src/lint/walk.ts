import type { TemplateEntry } from './context.js';
import { type Json, list, obj, objects, str } from './json.js';

/** A step of a steps template, where it is. */
export interface StepSite {
  /** The step. */
  readonly step: Json;
  /** Its name. */
  readonly name: string;
  /** The index of its parallel group (the `%d` of Argo's `steps[%d]`). */
  readonly group: number;
  /** JSON path of the step. */
  readonly path: string;
  /** Argo's message prefix for the step: `templates.<t>.steps[<group>].<step>`. */
  readonly label: string;
}

/** A task of a DAG template, where it is. */
export interface TaskSite {
  /** The task. */
  readonly task: Json;
  /** Its name. */
  readonly name: string;
  /** Its index in `dag.tasks`. */
  readonly index: number;
  /** JSON path of the task. */
  readonly path: string;
  /** Argo's message prefix for the task: `templates.<t>.tasks.<task>`. */
  readonly label: string;
}

/** The steps of a steps template, group by group. Groups may be plain lists or `{ steps: [...] }`. */
export function stepsOf(entry: TemplateEntry): StepSite[] {
  const sites: StepSite[] = [];
  list(entry.template.steps).forEach((group, g) => {
    const steps = Array.isArray(group) ? group : list(obj(group).steps);
    steps.forEach((step, j) => {
      const s = obj(step);
      const name = str(s.name);
      sites.push({
        step: s,
        name,
        group: g,
        path: `${entry.path}.steps[${g}][${j}]`,
        label: `templates.${entry.name}.steps[${g}].${name}`,
      });
    });
  });
  return sites;
}

/** The tasks of a DAG template. */
export function tasksOf(entry: TemplateEntry): TaskSite[] {
  return objects(obj(entry.template.dag).tasks).map((task, index) => {
    const name = str(task.name);
    return {
      task,
      name,
      index,
      path: `${entry.path}.dag.tasks[${index}]`,
      label: `templates.${entry.name}.tasks.${name}`,
    };
  });
}
