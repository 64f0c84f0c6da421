import { container, steps, workflow } from '@sluice/sdk';

const shell = (name: string, command: string) =>
  container({ name, container: { image: 'alpine:3.23', command: ['sh', '-c'], args: [command] } });

const intentionalFail = shell('intentional-fail', 'echo intentional failure; exit 1');
const sendEmail = shell(
  'send-email',
  'echo send e-mail: {{workflow.name}} {{workflow.status}} {{workflow.duration}}. Failed steps {{workflow.failures}}',
);
const celebrate = shell('celebrate', 'echo hooray!');
const cry = shell('cry', 'echo boohoo!');

const exitHandler = steps('exit-handler', (s) => {
  s.parallel((g) => {
    g.step('notify', sendEmail);
    g.step('celebrate', celebrate, { when: '{{workflow.status}} == Succeeded' });
    g.step('cry', cry, { when: '{{workflow.status}} != Succeeded' });
  });
});

/** A workflow exit handler (`spec.onExit`): runs whatever the outcome, and branches on `{{workflow.status}}`. */
export default workflow({
  generateName: 'exit-handlers-',
  labels: { 'workflows.argoproj.io/no-test': 'expected-failure' },
})
  .entrypoint(intentionalFail)
  .onExit(exitHandler);
