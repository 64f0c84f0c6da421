import { has, type Json, obj, objects, str } from '../../json.js';
import { listNameProblems, PARAM_NAME_MESSAGE, paramNameProblem } from '../../names.js';
import { isLeaf, templateType } from '../../template-kind.js';
import type { LintRule, RuleFinding } from '../../types.js';
import { isParameter } from '../../variables.js';

const SOURCES = ['path', 'jqFilter', 'jsonPath', 'parameter', 'expression'];

/** Argo's `validateOutputParameter` and the per-type source checks of `validateOutputs`. */
function checkParameter(template: Json, name: string, param: Json, at: string, report: (f: RuleFinding) => void): void {
  const ref = `templates.${name}.outputs.parameters.${str(param.name)}`;
  const type = templateType(template);
  if (has(param, 'valueFrom') && has(param, 'value')) {
    report({ path: at, message: `${ref} has both valueFrom and value specified, choose one` });
    return;
  }
  if (has(param, 'value')) return;
  if (!has(param, 'valueFrom')) {
    report({ path: at, message: `${ref} does not have valueFrom or value specified` });
    return;
  }
  const from = obj(param.valueFrom);
  const count = SOURCES.filter((k) => str(from[k]) !== '').length + (has(from, 'supplied') ? 1 : 0);
  if (count === 0) {
    report({
      path: `${at}.valueFrom`,
      message: `templates.${name} valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression`,
    });
    return;
  }
  if (count > 1) {
    report({
      path: `${at}.valueFrom`,
      message: `templates.${name} multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, raw`,
    });
    return;
  }
  if (['Container', 'ContainerSet', 'Script'].includes(type) && str(from.path) === '') {
    report({ path: `${at}.valueFrom`, message: `${ref}.path must be specified for ${type} templates` });
  }
  if (type === 'Resource' && str(from.jqFilter) === '' && str(from.jsonPath) === '') {
    report({
      path: `${at}.valueFrom`,
      message: `${ref} .jqFilter or jsonPath must be specified for ${type} templates`,
    });
  }
  if (type === 'Steps' || type === 'DAG') {
    if (str(from.parameter) === '' && str(from.expression) === '') {
      report({
        path: `${at}.valueFrom`,
        message: `${ref}.parameter or expression must be specified for ${type} templates`,
      });
    }
  }
}

/** Rules 30 and 31: output names, artifact paths only on leaves, global names, and one value source per parameter. */
export const outputs: LintRule = {
  id: 'argo/outputs',
  severity: 'error',
  description: 'outputs have valid names and global names, artifact paths only on leaves, one source per parameter',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      const given = obj(template.outputs);
      for (const field of ['parameters', 'artifacts'] as const) {
        for (const p of listNameProblems(
          objects(given[field]).map((e) => str(e.name)),
          'param',
        )) {
          report({
            path: `${path}.outputs.${field}[${p.index}].name`,
            message: `templates.${name}.outputs.${field} ${p.message}`,
          });
        }
      }
      objects(given.artifacts).forEach((artifact, i) => {
        const ref = `templates.${name}.outputs.artifacts.${str(artifact.name)}`;
        const at = `${path}.outputs.artifacts[${i}]`;
        if (!isLeaf(template) && str(artifact.path) !== '') {
          report({ path: `${at}.path`, message: `${ref}.path only valid in container/script templates` });
        }
        const globalName = str(artifact.globalName);
        if (globalName !== '' && !isParameter(globalName) && paramNameProblem(globalName) !== undefined) {
          report({ path: `${at}.globalName`, message: `${ref}.globalName: ${PARAM_NAME_MESSAGE}` });
        }
      });
      objects(given.parameters).forEach((param, i) => {
        const at = `${path}.outputs.parameters[${i}]`;
        checkParameter(template, name, param, at, report);
        const globalName = str(param.globalName);
        if (globalName !== '' && !isParameter(globalName) && paramNameProblem(globalName) !== undefined) {
          report({
            path: `${at}.globalName`,
            message: `templates.${name}.outputs.parameters.${str(param.name)}.globalName: ${PARAM_NAME_MESSAGE}`,
          });
        }
      });
    }
  },
};
