import { describe, expect, it } from 'vitest';
import { after, container, dag, steps } from '../src/index.js';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
});

describe('a task that reads an earlier task’s outputs', () => {
  it('gets no edge of its own when its depends already waits for that task through another', () => {
    const d = dag('main', (d) => {
      const db = d.task('db', echo, { message: 'up' });
      const init = d.task('init', echo, { message: db.outputs.result });
      d.task('load', echo, { message: db.outputs.result }, { depends: init });
    });
    expect(d.toTemplate().dag?.tasks.map((t) => t.depends)).toEqual([undefined, 'db', 'init']);
  });

  it('gets the edge when nothing it names waits for that task', () => {
    const d = dag('main', (d) => {
      const a = d.task('a', echo, { message: 'a' });
      const b = d.task('b', echo, { message: 'b' });
      d.task('c', echo, { message: a.outputs.result }, { depends: b });
      d.task('e', echo, { message: a.outputs.result }, { depends: after(b).or(a.failed()) });
    });
    expect(d.toTemplate().dag?.tasks.map((t) => t.depends)).toEqual([undefined, undefined, 'b && a', 'b || a.Failed']);
  });

  it('does the same for a dependencies list', () => {
    const d = dag('main', (d) => {
      const a = d.task('a', echo, { message: 'a' });
      d.task('b', echo, { message: 'b' }, { dependencies: ['a'] });
      d.task('c', echo, { message: a.outputs.result }, { dependencies: ['b'] });
      d.task('x', echo, { message: 'x' });
      d.task('y', echo, { message: a.outputs.result }, { dependencies: ['x'] });
    });
    expect(d.toTemplate().dag?.tasks.map((t) => t.dependencies)).toEqual([
      undefined,
      ['a'],
      ['b'],
      undefined,
      ['x', 'a'],
    ]);
  });
});

describe('{{steps.name}} and {{tasks.name}}: Argo’s variable for the node’s own name', () => {
  it('is not taken for a reference to a step named "name" (regression: steps threw, a DAG inferred a dependency)', () => {
    const s = steps('main', (s) => {
      s.step('first', echo, { message: 'hi' });
      s.step('second', echo, { message: 'I am {{steps.name}}' });
    });
    expect(s.toTemplate().steps?.[1]?.[0]?.arguments?.parameters?.[0]?.value).toBe('I am {{steps.name}}');
    const d = dag('main', (d) => {
      d.task('first', echo, { message: 'I am {{tasks.name}}' });
    });
    expect(d.toTemplate().dag?.tasks[0]?.depends).toBeUndefined();
  });

  it('still reads {{tasks.name.outputs…}} as a reference to a task named "name"', () => {
    const d = dag('main', (d) => {
      const named = d.task('name', echo, { message: 'x' });
      d.task('after', echo, { message: named.outputs.result });
    });
    expect(d.toTemplate().dag?.tasks[1]?.depends).toBe('name');
  });
});
