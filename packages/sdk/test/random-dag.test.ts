import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  after,
  container,
  dag,
  fromJson,
  fromYaml,
  type OutputsOf,
  type StepHandle,
  steps,
  type TaskHandle,
  workflow,
} from '../src/index.js';

/** A template that takes an optional `input` and declares an output `out-value` (TS key `outValue`). */
const templates = [0, 1, 2].map((i) =>
  container({
    name: `tpl-${i}`,
    inputs: { parameters: { input: { default: 'none' } } },
    outputs: { parameters: { outValue: { valueFrom: { path: '/tmp/out' } } } },
    container: { image: 'alpine:3.20', command: ['sh', '-c'], args: [`echo ${i} > /tmp/out`] },
  }),
);

interface TaskSpec {
  readonly template: number;
  /** Indexes of earlier tasks it runs after (explicit). */
  readonly after: number[];
  /** Index of an earlier task whose output it reads, if any (inferred dependency). */
  readonly reads: number | undefined;
}

const dagSpec = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        template: fc.integer({ min: 0, max: 2 }),
        after:
          i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 3 }),
        reads: i === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: undefined }),
      }),
    ),
  ),
);

function build(spec: readonly TaskSpec[]) {
  const main = dag('main', (d) => {
    const handles: TaskHandle<string, OutputsOf<(typeof templates)[number]>>[] = [];
    spec.forEach((t, i) => {
      const tpl = templates[t.template] ?? templates[0]!;
      const args = t.reads === undefined ? {} : { input: handles[t.reads]!.outputs.parameters.outValue };
      const deps = t.after.map((j) => handles[j]!);
      handles.push(d.task(`t${i}`, tpl, args, deps.length > 0 ? { depends: after(...deps) } : {}));
    });
  });
  return workflow({ generateName: 'random-' }).entrypoint(main);
}

describe('random valid DAGs', () => {
  it('build → compile → YAML → parse gives the model (and fromYaml/fromJson read it back), with the declared and inferred dependencies', () => {
    fc.assert(
      fc.property(dagSpec, (spec) => {
        const wf = build(spec);
        const model = wf.toObject();
        expect(YAML.parse(wf.toYaml())).toEqual(model);
        expect(fromYaml(wf.toYaml())[0]?.toObject()).toEqual(model);
        expect(fromJson(wf.toJson())[0]?.toYaml()).toBe(wf.toYaml());
        const tasks = model.spec.templates?.[0]?.dag?.tasks ?? [];
        expect(tasks).toHaveLength(spec.length);
        // Each task's dependencies, to tell whether a task it reads already runs before one it names.
        const parents: number[][] = [];
        const ancestors = (of: readonly number[]): Set<number> => {
          const seen = new Set<number>();
          const stack = [...of];
          while (stack.length > 0) {
            const j = stack.pop() as number;
            if (seen.has(j)) continue;
            seen.add(j);
            stack.push(...(parents[j] ?? []));
          }
          return seen;
        };
        spec.forEach((t, i) => {
          const task = tasks[i];
          expect(task?.name).toBe(`t${i}`);
          expect(task?.template).toBe(`tpl-${t.template}`);
          const deps = [...t.after];
          // A read task gets an edge unless the explicit ones already wait for it (it or an ancestor is named).
          if (t.reads !== undefined && (t.after.length === 0 || !ancestors(t.after).has(t.reads))) deps.push(t.reads);
          parents.push(deps);
          const expected = deps.map((j) => `t${j}`);
          expect(task?.depends === undefined ? [] : task.depends.split(' && ')).toEqual(expected);
          if (t.reads === undefined) expect(task?.arguments).toBeUndefined();
          else {
            expect(task?.arguments?.parameters).toEqual([
              { name: 'input', value: `{{tasks.t${t.reads}.outputs.parameters.out-value}}` },
            ]);
          }
        });
        // Each template once, in the order tasks first use it.
        const used = [...new Set(spec.map((t) => `tpl-${t.template}`))];
        expect(model.spec.templates?.map((t) => t.name)).toEqual(['main', ...used]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('random valid steps templates', () => {
  /** Groups of parallel steps; each step may read the output of a step of an earlier group. */
  const stepsSpec = fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 })
    .chain((sizes) =>
      fc.tuple(
        ...sizes.map((size, g) =>
          fc.array(
            g === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: g - 1 }), { nil: undefined }),
            { minLength: size, maxLength: size },
          ),
        ),
      ),
    );

  it('keep their groups, and reference only steps of earlier groups', () => {
    fc.assert(
      fc.property(stepsSpec, (groups) => {
        const tpl = templates[0]!;
        const main = steps('main', (s) => {
          const handles: StepHandle<string, OutputsOf<typeof tpl>>[][] = [];
          groups.forEach((group, g) => {
            handles.push(
              s.parallel((p) =>
                group.map((reads, j) =>
                  p.step(
                    `s${g}-${j}`,
                    tpl,
                    reads === undefined ? {} : { input: handles[reads]![0]!.outputs.parameters.outValue },
                  ),
                ),
              ),
            );
          });
        });
        const wf = workflow('w').entrypoint(main);
        const model = wf.toObject();
        expect(YAML.parse(wf.toYaml())).toEqual(model);
        const compiled = model.spec.templates?.[0]?.steps ?? [];
        expect(compiled.map((group) => group.length)).toEqual(groups.map((group) => group.length));
        groups.forEach((group, g) => {
          group.forEach((reads, j) => {
            const value = compiled[g]?.[j]?.arguments?.parameters?.[0]?.value;
            expect(value).toBe(reads === undefined ? undefined : `{{steps.s${reads}-0.outputs.parameters.out-value}}`);
          });
        });
      }),
      { numRuns: 100 },
    );
  });
});
