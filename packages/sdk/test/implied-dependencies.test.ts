import { describe, expect, it } from 'vitest';
import { after, container, dag } from '../src/index.js';

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
