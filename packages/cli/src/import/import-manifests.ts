/**
 * `workflow import`'s core: Argo manifests → a TypeScript module that builds them back. Every module is checked
 * before it is returned: it is run (with the real `@sluice/sdk`) and each document it exports must equal the input,
 * keys' order aside. A template the typed builders would not give back exactly is written as a plain object
 * (`fromTemplate`) and counted, so what is returned always compiles to the input.
 */
import { isDeepStrictEqual } from 'node:util';
import { defaultArgoVersion } from '@sluice/argo-types';
import * as sdk from '@sluice/sdk';
import { type DocumentPlan, planModule } from './generate.js';
import { printModule, type Statement } from './js-syntax.js';
import type { Json } from './json.js';

/** A generated module. */
export interface ImportedModule {
  /** The TypeScript source. */
  readonly code: string;
  /** What became of each document, in input order. */
  readonly documents: readonly DocumentPlan[];
}

/** The input documents could not be written so that they build back equal (a bug; the message says where). */
export class ImportError extends Error {}

/** Runs the module's statements with the real sdk and returns its exports. */
function evaluate(statements: readonly Statement[]): Record<string, unknown> {
  const runnable: Statement[] = statements.flatMap((s): Statement[] => {
    switch (s.type) {
      case 'import':
        return [{ type: 'code', text: `const { ${s.names.join(', ')} } = __sdk;` }];
      case 'exportDefault':
        return [
          { type: 'const', name: '__default', value: s.value },
          { type: 'code', text: '__exports.default = __default;' },
        ];
      case 'exportConst':
        return [
          { type: 'const', name: s.name, value: s.value },
          { type: 'code', text: `__exports.${s.name} = ${s.name};` },
        ];
      default:
        return [s];
    }
  });
  const exports: Record<string, unknown> = {};
  new Function('__sdk', '__exports', printModule(runnable))(sdk, exports);
  return exports;
}

function objectOf(value: unknown): unknown {
  const v = value as { toObject?: () => unknown } | undefined;
  return typeof v?.toObject === 'function' ? v.toObject() : undefined;
}

function templatesOf(doc: unknown): Map<string, unknown> {
  const d = doc as Json;
  const spec = (d?.kind === 'CronWorkflow' ? (d.spec as Json)?.workflowSpec : d?.spec) as Json | undefined;
  const out = new Map<string, unknown>();
  const list = Array.isArray(spec?.templates) ? spec.templates : [];
  for (const t of list as Json[]) if (typeof t?.name === 'string') out.set(t.name, t);
  return out;
}

/**
 * The document in the form of the newest release, which the builders speak: a field an older release spells
 * otherwise is renamed (a CronWorkflow's `schedule` becomes `schedules`; `semaphore`, `mutex` become lists).
 * `workflow compile --argo-version <older>` writes the older form back.
 */
export function newestForm(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  return sdk.forArgoVersion(doc, defaultArgoVersion, { check: false });
}

function equal(a: unknown, b: unknown): boolean {
  return a !== undefined && isDeepStrictEqual(a, b);
}

/** What of one document must be a plain object for its module to build it back. */
function settle(doc: unknown, where: string): { templates: Set<string>; raw: boolean; plainArguments: boolean } {
  const templates = new Set<string>();
  let raw = false;
  let plainArguments = false;
  const names = [...templatesOf(doc).keys()];
  for (let round = 0; round <= names.length + 3; round++) {
    const plan = planModule([doc], {
      templates: new Map([[0, templates]]),
      documents: new Set(raw ? [0] : []),
      plainArguments: new Set(plainArguments ? [0] : []),
    });
    let built: unknown;
    let failure: unknown;
    try {
      built = objectOf(evaluate(plan.statements).default);
    } catch (error) {
      failure = error;
    }
    if (equal(built, doc)) return { templates, raw, plainArguments };
    if (raw || plan.documents[0]?.raw === true) {
      const why = failure === undefined ? '' : `: ${(failure as Error).message}`;
      throw new ImportError(`${where} does not build back even as a plain object${why}`);
    }
    // The templates that differ become plain objects; when it threw, all do; when none differs, the workflow's
    // arguments become plain, then the document.
    const want = templatesOf(doc);
    const got = built === undefined ? new Map<string, unknown>() : templatesOf(built);
    const differing = names.filter((n) => !templates.has(n) && !isDeepStrictEqual(got.get(n), want.get(n)));
    if (differing.length === 0) {
      if (plainArguments) raw = true;
      plainArguments = true;
    }
    for (const n of differing) templates.add(n);
  }
  throw new ImportError(`${where} could not be written so that it builds back equal`);
}

/**
 * The TypeScript module for `docs` (the parsed documents of one file), checked to build each of them back.
 *
 * @param source names the input in errors.
 * @throws {ImportError} when even the plain-object form does not build a document back (a bug).
 */
export function importManifests(input: readonly unknown[], source: string): ImportedModule {
  input.forEach((doc, i) => {
    const d = doc as Json | null;
    const missing =
      d === null || typeof d !== 'object' || Array.isArray(d)
        ? 'is not a mapping'
        : typeof d.apiVersion !== 'string' || typeof d.kind !== 'string'
          ? 'has no apiVersion or kind'
          : d.metadata === null || typeof d.metadata !== 'object' || Array.isArray(d.metadata)
            ? 'has no metadata'
            : undefined;
    if (missing !== undefined) {
      throw new ImportError(`${source}: document ${i + 1} ${missing}; expected a Kubernetes object such as a Workflow`);
    }
  });
  const docs = input.map(newestForm);
  const templates = new Map<number, Set<string>>();
  const documents = new Set<number>();
  const plainArguments = new Set<number>();
  docs.forEach((doc, i) => {
    const settled = settle(doc, `${source}: document ${i + 1}`);
    templates.set(i, settled.templates);
    if (settled.raw) documents.add(i);
    if (settled.plainArguments) plainArguments.add(i);
  });
  const plan = planModule(docs, { templates, documents, plainArguments });
  const exports = evaluate(plan.statements);
  for (const d of plan.documents) {
    if (!equal(objectOf(exports[d.exportName]), docs[d.index])) {
      throw new ImportError(`${source}: document ${d.index + 1} (${d.kind} "${d.name}") does not build back equal`);
    }
  }
  return { code: printModule(plan.statements), documents: plan.documents };
}
