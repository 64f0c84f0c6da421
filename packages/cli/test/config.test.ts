import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConfig, loadConfig } from '../src/config.js';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const fixture = path.resolve(import.meta.dirname, 'fixtures/config');
let dir: string;

/** Accepted by Argo; policy finds missing limits (error), labels and runAsNonRoot (warnings). */
const plain = fs.readFileSync(path.join(fixture, 'plain.yaml'), 'utf8');
/** Fails Argo's rule argo/variables only. */
const badVariable = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: bad-variable }
spec:
  entrypoint: main
  templates:
    - name: main
      container: { image: alpine:3.20, args: ["{{inputs.parameters.x}}"] }
`;

/** Writes `files` (path → content) under a fresh directory of `dir` and returns it. */
function tree(name: string, files: Record<string, string>): string {
  const base = path.join(dir, name);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    fs.writeFileSync(path.join(base, file), content);
  }
  return base;
}

const json = (lint: unknown) => JSON.stringify({ lint });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-config-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function lint(args: string[], cwd: string) {
  const io = capture({}, cwd);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('findConfig', () => {
  it('finds the nearest file walking up, preferring .ts, then .js, .mjs, .json within a directory', async () => {
    const base = tree('walk', {
      'sluice.config.json': '{}',
      'sluice.config.mjs': 'export default {};',
      'a/b/wf.yaml': plain,
      'a/sluice.config.json': '{}',
      'a/sluice.config.js': 'export default {};',
    });
    expect(await findConfig(path.join(base, 'a/b/wf.yaml'))).toBe(path.join(base, 'a/sluice.config.js'));
    expect(await findConfig(path.join(base, 'a/b'))).toBe(path.join(base, 'a/sluice.config.js'));
    expect(await findConfig(base)).toBe(path.join(base, 'sluice.config.mjs'));
  });
});

describe('workflow lint with sluice.config', () => {
  it('applies a typed sluice.config.ts found beside the linted file: policy on, limits only a warning', async () => {
    const { code, out } = await lint(['plain.yaml', '-o', 'simple'], fixture);
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('no linting errors found!');
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(
        /^plain\.yaml: warning: in "plain-" \(Workflow\): templates\.main\.container: resources missing requests\.cpu, requests\.memory, limits\.cpu, limits\.memory;/,
      ),
    ]);
    expect(code).toBe(0);
  });

  it('finds the configuration above the linted path, else above the working directory', async () => {
    const base = tree('discover', {
      'sluice.config.json': json({ policy: true }),
      'flows/deep/plain.yaml': plain,
      'elsewhere/.keep': '',
    });
    expect((await lint(['flows/deep/plain.yaml'], base)).code).toBe(1);
    expect((await lint(['deep/plain.yaml'], path.join(base, 'flows'))).code).toBe(1);
    const outside = tree('outside', { 'plain.yaml': plain });
    expect((await lint([path.join(outside, 'plain.yaml')], base)).code).toBe(1);
    expect((await lint(['plain.yaml'], outside)).code).toBe(0);
  });

  it('turns severities into exit codes: error fails, warning prints and passes, off silences', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ 'policy/resource-limits': 'error' }, 1, '✖ 1 linting errors found!'],
      [{ 'policy/resource-limits': 'warning' }, 0, '✔ no linting errors found!'],
      [{ 'policy/resource-limits': 'off', 'policy/required-labels': 'error' }, 1, '✖ 2 linting errors found!'],
    ];
    for (const [index, [rules, code, last]] of cases.entries()) {
      const rest = { 'policy/required-labels': 'off', 'policy/run-as-non-root': 'off' };
      const base = tree(`severity-${index}`, {
        'sluice.config.json': json({ policy: true, rules: { ...rest, ...rules } }),
        'plain.yaml': plain,
      });
      const result = await lint(['plain.yaml'], base);
      expect(result.out.trimEnd().split('\n').at(-1)).toBe(last);
      expect(result.code).toBe(code);
    }
  });

  it('turns an Argo rule off or down to a warning', async () => {
    const off = tree('argo-off', {
      'sluice.config.mjs': `export default { lint: { rules: { 'argo/variables': 'off' } } };`,
      'bad.yaml': badVariable,
    });
    expect(await lint(['bad.yaml'], off)).toMatchObject({ code: 0, out: '✔ no linting errors found!\n' });
    const warn = tree('argo-warning', {
      'sluice.config.js': `export default { lint: { rules: { 'argo/variables': 'warning' } } };`,
      'bad.yaml': badVariable,
    });
    const warned = await lint(['bad.yaml'], warn);
    expect(warned.out).toContain(
      '⚠ in "bad-variable" (Workflow): templates.main: failed to resolve {{inputs.parameters.x}}',
    );
    expect(warned.code).toBe(0);
  });

  it('lets --policy / --no-policy override lint.policy', async () => {
    const on = tree('flag-off', { 'sluice.config.json': json({ policy: true }), 'plain.yaml': plain });
    expect((await lint(['plain.yaml', '--no-policy'], on)).code).toBe(0);
    const off = tree('flag-on', { 'sluice.config.json': json({ policy: false }), 'plain.yaml': plain });
    expect((await lint(['plain.yaml'], off)).code).toBe(0);
    expect((await lint(['plain.yaml', '--policy'], off)).code).toBe(1);
  });

  it('uses --config instead of the nearest file', async () => {
    const base = tree('explicit', {
      'sluice.config.json': json({ policy: false }),
      'ci/strict.config.json': json({ policy: true }),
      'plain.yaml': plain,
    });
    expect((await lint(['plain.yaml'], base)).code).toBe(0);
    expect((await lint(['plain.yaml', '--config', 'ci/strict.config.json'], base)).code).toBe(1);
  });

  it('loads a .ts configuration outside any package (CommonJS-compiled default export)', async () => {
    const base = tree('ts-config', {
      'sluice.config.ts': `const config: { lint: { policy: boolean } } = { lint: { policy: true } };\nexport default config;\n`,
      'plain.yaml': plain,
    });
    expect(await loadConfig('sluice.config.ts', base)).toEqual({
      file: 'sluice.config.ts',
      config: { lint: { policy: true } },
    });
  });
});

describe('bad configuration files', () => {
  it('names the file and the unknown rule id with a did-you-mean, exit 2', async () => {
    const base = tree('unknown-id', {
      'sluice.config.json': json({ rules: { 'policy/require-limits': 'warning' } }),
      'flows/plain.yaml': plain,
    });
    const { code, err, out } = await lint(['flows/plain.yaml'], base);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(
      'workflow lint: sluice.config.json: lint.rules: unknown rule id "policy/require-limits"; did you mean "policy/resource-limits"?',
    );
  });

  it('reports a configuration that cannot be parsed, a bad severity, a missing default export or a missing file', async () => {
    const broken = tree('broken-json', { 'sluice.config.json': '{ lint: ', 'plain.yaml': plain });
    expect((await lint(['plain.yaml'], broken)).err).toMatch(/sluice\.config\.json: cannot load: .*JSON/);
    const severity = tree('bad-severity', {
      'sluice.config.json': json({ rules: { 'argo/metrics': 'fatal' } }),
      'plain.yaml': plain,
    });
    expect((await lint(['plain.yaml'], severity)).err).toContain(
      'sluice.config.json: lint.rules["argo/metrics"]: severity "fatal" is not one of error, warning, off',
    );
    const named = tree('no-default', { 'sluice.config.mjs': 'export const lint = {};', 'plain.yaml': plain });
    const noDefault = await lint(['plain.yaml'], named);
    expect(noDefault.code).toBe(2);
    expect(noDefault.err).toContain('sluice.config.mjs: has no default export');
    const missing = await lint(['plain.yaml', '--config', 'nope.config.ts'], named);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.config.ts: no such configuration file');
  });
});
