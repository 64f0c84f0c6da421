import { expect, it } from 'vitest';
import { run } from './support.js';

const commands = [
  'submit',
  'get',
  'list',
  'watch',
  'logs',
  'wait',
  'delete',
  'retry',
  'resubmit',
  'stop',
  'terminate',
  'template',
  'cron',
];

it.each(commands)('workflow %s --help describes every option, the connection flags included', async (name) => {
  const help = await run([name, '--help'], {});
  expect(help.code).toBe(0);
  const options = help.out.slice(help.out.indexOf('Options:'));
  expect(options).toMatch(/-s, --server <value> +Argo Server host:port \(ARGO_SERVER\)/);
  expect(options).toMatch(/-k, --insecure-skip-verify +skip TLS certificate verification/);
  // Every option line has its text.
  for (const line of options.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l))) {
    expect(line, line).toMatch(/--[\w-]+( <value>)? +[^ <]/);
  }
});
