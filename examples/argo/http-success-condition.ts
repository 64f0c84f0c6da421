import { http, steps, workflow } from '@sluice/sdk';

const checkedGet = (name: string, successCondition: string) =>
  http({
    name,
    inputs: { parameters: { url: {} } },
    http: (io) => ({ successCondition, url: io.inputs.parameters.url }),
  });

const statusIs201 = checkedGet('http-status-is-201', 'response.statusCode == 201');
const bodyContainsGoogle = checkedGet('http-body-contains-google', 'response.body contains "google"');
const headersContainCloudflare = checkedGet(
  'http-headers-contains-cloudflare',
  'response.headers["Server"][0] == "cloudflare"',
);

const main = steps('main', (s) => {
  s.parallel((g) => {
    g.step('http-status-is-201-succeeds', statusIs201, { url: 'https://httpbin.org/status/201' });
    g.step('http-body-contains-google-succeeds', bodyContainsGoogle, { url: 'https://google.com' });
  });
});

/** `successCondition` on HTTP templates: on the status code, the body, or a header (that last one listed unused). */
export default workflow({
  generateName: 'http-template-condition-',
  labels: { 'workflows.argoproj.io/no-test': 'flaky' },
})
  .entrypoint(main)
  .templates(headersContainCloudflare);
