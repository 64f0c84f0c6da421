import { isObject, list, obj, objects, str } from '../../json.js';
import { listNameProblems } from '../../names.js';
import type { LintRule } from '../../types.js';

/** The first dependency cycle among containers, as `a->b->a`. */
function firstCycle(deps: ReadonlyMap<string, readonly string[]>): string | undefined {
  const done = new Set<string>();
  const walk = (name: string, path: string[]): string | undefined => {
    if (done.has(name)) return undefined;
    for (const dep of deps.get(name) ?? []) {
      if (path.includes(dep)) return `${[...path, dep].join('->')}`;
      const found = walk(dep, [...path, dep]);
      if (found !== undefined) return found;
    }
    done.add(name);
    return undefined;
  };
  for (const name of deps.keys()) {
    const found = walk(name, [name]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Rule 27: containerSet containers exist, are well named, mount once, depend on defined containers acyclically. */
export const containerSet: LintRule = {
  id: 'argo/container-set',
  severity: 'error',
  description: 'containerSet has containers with valid names, known acyclic dependencies, a main container for I/O',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (!isObject(template.containerSet)) continue;
      const set = template.containerSet;
      const prefix = `templates.${name}.containerSet`;
      const at = `${path}.containerSet`;
      const containers = objects(set.containers);
      if (containers.length === 0) {
        report({ path: `${at}.containers`, message: `${prefix}.containers must have at least one container` });
      }
      for (const p of listNameProblems(
        containers.map((c) => str(c.name)),
        'field',
      )) {
        report({ path: `${at}.containers[${p.index}].name`, message: `${prefix}.containers${p.message}` });
      }
      const mounted = new Map<string, string>();
      objects(set.volumeMounts).forEach((m, i) => {
        const previous = mounted.get(str(m.mountPath));
        if (previous !== undefined) {
          report({
            path: `${at}.volumeMounts[${i}].mountPath`,
            message: `${prefix}.volumeMounts[${i}].mountPath '${str(m.mountPath)}' already mounted in ${previous}`,
          });
        } else mounted.set(str(m.mountPath), `volumeMounts.${str(m.name)}`);
      });
      const names = new Set(containers.map((c) => str(c.name)));
      const deps = new Map<string, string[]>();
      containers.forEach((c, i) => {
        const own = list(c.dependencies).filter((d): d is string => typeof d === 'string');
        deps.set(
          str(c.name),
          own.filter((d) => names.has(d)),
        );
        for (const d of own) {
          if (!names.has(d)) {
            report({
              path: `${at}.containers[${i}].dependencies`,
              message: `${prefix}.containers.${str(c.name)} dependency '${d}' not defined`,
            });
          }
        }
      });
      const cycle = firstCycle(deps);
      if (cycle !== undefined) {
        report({ path: `${at}.containers`, message: `${prefix}.containers dependency cycle detected: ${cycle}` });
      }
      const io = obj(template.inputs).artifacts ?? [];
      const outputs = obj(template.outputs);
      const needsMain =
        list(io).length > 0 || list(outputs.parameters).length > 0 || list(outputs.artifacts).length > 0;
      if (needsMain && !names.has('main')) {
        report({
          path: `${at}.containers`,
          message: `${prefix}.containers must have a container named "main" for input or output`,
        });
      }
    }
  },
};
