import { expect, it } from 'vitest';
import { byName, runYaml } from './support/run.js';

function fanOut(count: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: fan }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: fan, template: noop, withSequence: { count: "${count}" } }
  - name: noop
    container: { image: bench/noop:1.0.0 }
`;
}

const noop = { handlers: { noop: () => undefined } };

it('bug 9: withSequence count 100000000 fails its task at once naming the loop and --max-nodes, before allocating anything', async () => {
  const before = process.memoryUsage().rss;
  const run = await runYaml(fanOut('100000000'), noop);
  expect(run.status.phase).toBe('Error');
  const fan = byName(run).fan;
  expect(fan?.phase).toBe('Error');
  expect(fan?.message).toBe(
    'templates.main.tasks.fan.withSequence: 100000000 items would take the run past --max-nodes 50000: raise --max-nodes (maxNodes) if this machine can hold it, or split the fan-out',
  );
  // 100 million item strings would be gigabytes; refused before, the process barely grew.
  expect(process.memoryUsage().rss - before).toBeLessThan(256 * 2 ** 20);
});

it('bug 9: --max-nodes is the whole run: a loop that fits alone but not with the nodes already there is refused', async () => {
  const run = await runYaml(fanOut('10'), { ...noop, maxNodes: 10 });
  expect(byName(run).fan?.message).toMatch(
    /^templates\.main\.tasks\.fan\.withSequence: 10 items would take the run past --max-nodes 10: /,
  );
  const fits = await runYaml(fanOut('8'), { ...noop, maxNodes: 10 });
  expect(fits.status.phase).toBe('Succeeded');
});

it('bug 9: a fan-out of 10,000 nodes completes, every node reported once', async () => {
  const run = await runYaml(fanOut('10000'), noop);
  expect(run.status.phase).toBe('Succeeded');
  const pods = Object.values(run.status.nodes ?? {}).filter((n) => n.type === 'Pod');
  expect(pods).toHaveLength(10_000);
  expect(new Set(pods.map((n) => n.displayName)).size).toBe(10_000);
  expect(run.status.progress).toBe('10000/10000');
});
