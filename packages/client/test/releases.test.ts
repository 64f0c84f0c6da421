import { describe, expect, it } from 'vitest';
import { helloWorkflow, serverAndClient } from './support/setup.js';
import { OLDER_RELEASES } from './support/swagger.js';

// The same client against a contract server built from each supported release's swagger.json: every request must be
// valid for that release and every answer (with fields the client does not know added) must parse.
const releases = [...OLDER_RELEASES, 'v4.1.0'];

/** A CronWorkflow in the shape the release reads: `schedule` before 3.6, `schedules` from 3.6. */
function cronFor(release: string) {
  const schedule = release.startsWith('v3.5') ? { schedule: '0 2 * * *' } : { schedules: ['0 2 * * *'] };
  return {
    metadata: { name: 'nightly' },
    spec: {
      ...schedule,
      workflowSpec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] },
    },
  };
}

describe.each(releases)('against an Argo %s server', (release) => {
  it('reports the server version, creates, waits for and lists workflows, applies templates and crons', async () => {
    const { server, client, close } = await serverAndClient({ release, unknownFields: true, tickMs: 2 });
    try {
      expect((await client.info.version()).version).toBe(release);
      const created = await client.workflows.create(helloWorkflow('hello'));
      expect(created.metadata.name).toBe('hello');
      expect(created).toHaveProperty('fromArgoV9');
      const done = await client.workflows.wait('hello', { timeoutMs: 10_000 });
      expect(done.status?.phase).toBe('Succeeded');
      expect((await client.workflows.list()).items?.map((w) => w.metadata.name)).toEqual(['hello']);
      const template = {
        metadata: { name: 'features' },
        spec: { templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] },
      };
      expect((await client.workflowTemplates.apply(template)).action).toBe('created');
      expect((await client.cronWorkflows.apply(cronFor(release))).action).toBe('created');
      expect((await client.cronWorkflows.get('nightly')).metadata.name).toBe('nightly');
      expect(server.violations).toEqual([]);
    } finally {
      await close();
    }
  });
});

it('a 3.5 server rejects a CronWorkflow in the 4.x shape (schedules), as its swagger says', async () => {
  const { server, client, close } = await serverAndClient({ release: 'v3.5.15' });
  try {
    await expect(client.cronWorkflows.create(cronFor('v4.1.0'))).rejects.toThrow(/schedules/);
    expect(server.violations).toEqual([]);
  } finally {
    await close();
  }
});
