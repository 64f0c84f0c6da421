import type { LintIssue, LintResult } from './types.js';

/**
 * The output formats of `workflow lint`: Argo's `pretty` and `simple`, and `json`.
 * @example
 * ```ts
 * import { formatLintReport, lint, type LintFormat } from '@sluice/sdk';
 *
 * const format: LintFormat = process.env.CI ? 'simple' : 'pretty';
 * process.stdout.write(formatLintReport(lint([]), format).text);
 * ```
 */
export type LintFormat = 'pretty' | 'simple' | 'json';

/**
 * Options of {@link formatLintReport}.
 * @example
 * ```ts
 * import { formatLintReport, lint, type LintReportOptions } from '@sluice/sdk';
 *
 * const options: LintReportOptions = { files: ['wf.yaml'], color: false, fileErrors: [{ source: 'bad.yaml', message: 'not YAML' }] };
 * const report = formatLintReport(lint([{ source: 'wf.yaml', doc: {} }]), 'pretty', options);
 * ```
 */
export interface LintReportOptions {
  /** Every file that was read, so that files with nothing to lint appear in JSON output (`linted: false`). */
  readonly files?: readonly string[];
  /** Colour the pretty output with ANSI escapes (for a terminal). */
  readonly color?: boolean;
  /** Files that could not be read or parsed: each is an error of its file. */
  readonly fileErrors?: readonly { readonly source: string; readonly message: string }[];
}

/**
 * A rendered report and whether it passes: something was linted and nothing is an error.
 * @example
 * ```ts
 * import { formatLintReport, lint, type LintReport } from '@sluice/sdk';
 *
 * const report: LintReport = formatLintReport(lint([{ source: 'wf.yaml', doc: { kind: 'Workflow' } }]), 'json');
 * console.log(report.errorCount, report.ok);
 * ```
 */
export interface LintReport {
  /** The text to print. */
  readonly text: string;
  /** True when at least one document was linted and no finding is an error. */
  readonly ok: boolean;
  /** How many findings are errors. */
  readonly errorCount: number;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Argo's line for one finding: `in "<name>" (<Kind>): <message>`. */
function line(result: LintResult, issue: LintIssue): string {
  return `in "${result.name}" (${result.kind}): ${issue.message}`;
}

function bySource(results: readonly LintResult[]): Map<string, LintResult[]> {
  const groups = new Map<string, LintResult[]>();
  for (const r of results) groups.set(r.source, [...(groups.get(r.source) ?? []), r]);
  return groups;
}

/**
 * Renders lint results in `argo lint`'s layouts. `pretty`: for each file with findings, `<file>:` then
 * `   ✖ in "<name>" (<Kind>): <error>` lines and a blank line, ending with `✔ no linting errors found!` or
 * `✖ N linting errors found!`. `simple`: `<file>: in "<name>" (<Kind>): <error>` lines, or
 * `no linting errors found!`. `json`: Argo's JSON (`results[].file/errors/linted`, `success`, `anything_linted`) with
 * each result's structured `problems` added. With nothing linted: `found nothing to lint in the specified paths, failing...`.
 * @example
 * ```ts
 * import { formatLintReport, lint } from '@sluice/sdk';
 *
 * const docs = [{ source: 'wf.yaml', doc: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', spec: {} } }];
 * const report = formatLintReport(lint(docs), 'simple');
 * process.stdout.write(report.text);
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export function formatLintReport(
  results: readonly LintResult[],
  format: LintFormat = 'pretty',
  options: LintReportOptions = {},
): LintReport {
  const fileErrors = options.fileErrors ?? [];
  const errorCount =
    fileErrors.length + results.reduce((n, r) => n + r.errors.filter((e) => e.severity === 'error').length, 0);
  const linted = results.length > 0;
  const fileLines = (file: string) => fileErrors.filter((f) => f.source === file).map((f) => f.message);
  const ok = linted && errorCount === 0;
  const groups = bySource(results);
  const color = options.color === true;
  if (format === 'json') {
    const files = [...new Set([...(options.files ?? []), ...groups.keys(), ...fileErrors.map((f) => f.source)])];
    const json = {
      results: files.map((file) => {
        const own = groups.get(file) ?? [];
        return {
          file,
          errors: [
            ...fileLines(file),
            ...own.flatMap((r) => r.errors.filter((e) => e.severity === 'error').map((e) => line(r, e))),
          ],
          linted: own.length > 0,
          problems: own.flatMap((r) => r.errors.map((e) => ({ kind: r.kind, name: r.name, ...e }))),
        };
      }),
      success: ok,
      anything_linted: linted,
    };
    return { text: `${JSON.stringify(json)}\n`, ok, errorCount };
  }
  const nothing = 'found nothing to lint in the specified paths, failing...';
  if (format === 'simple') {
    const lines: string[] = fileErrors.map((f) => `${f.source}: ${f.message}`);
    for (const [file, own] of groups) {
      for (const r of own) {
        for (const e of r.errors) lines.push(`${file}: ${e.severity === 'warning' ? 'warning: ' : ''}${line(r, e)}`);
      }
    }
    if (!linted && errorCount === 0) lines.push(nothing);
    else if (errorCount === 0) lines.push('no linting errors found!');
    return { text: `${lines.join('\n')}\n`, ok, errorCount };
  }
  let text = '';
  for (const file of new Set(fileErrors.map((f) => f.source))) {
    text += `${paint(color, '4', file)}:\n`;
    for (const message of fileLines(file)) text += `   ${paint(color, '31', '✖')} ${message}\n`;
    text += '\n';
  }
  for (const [file, own] of groups) {
    const issues = own.flatMap((r) => r.errors.map((e) => ({ r, e })));
    if (issues.length === 0) continue;
    text += `${paint(color, '4', file)}:\n`;
    for (const { r, e } of issues) {
      const mark = e.severity === 'warning' ? paint(color, '33', '⚠') : paint(color, '31', '✖');
      text += `   ${mark} ${line(r, e)}\n`;
    }
    text += '\n';
  }
  if (!linted && errorCount === 0) text += `${paint(color, '31', `✖ ${nothing}`)}\n`;
  else if (errorCount === 0) text += `${paint(color, '32', '✔')} no linting errors found!\n`;
  else text += `${paint(color, '31', `✖ ${errorCount} linting errors found!`)}\n`;
  return { text, ok, errorCount };
}
