/**
 * One Argo template → the builder call that makes it: `container({…})`, `script({…})`, … with typed inputs and
 * typed references in its body where the builders give back exactly the template; `fromTemplate({…})` otherwise.
 */
import type { Imports } from './generate.js';
import { call, type Expr, type PathNotes, valueExpr } from './js-syntax.js';

/** What a template is written with. */
export interface TemplateContext {
  /** Write it as a plain object (the verifier found the builder form not equal). */
  readonly raw: boolean;
  /** The module's imports. */
  readonly imports: Imports;
  /** Template name → the variable holding its builder. */
  readonly variables: ReadonlyMap<string, string>;
  /** Comments for properties, by path (see `typeNotes`). */
  readonly notes: PathNotes;
  /** The template's path in its document, e.g. `spec.templates[0]`. */
  readonly path: string;
}

/** The expression building `template`, and whether it is a plain object. */
export function templateExpr(template: unknown, ctx: TemplateContext): { expr: Expr; raw: boolean } {
  return { expr: call(ctx.imports.use('fromTemplate'), valueExpr(template, ctx.notes, ctx.path)), raw: true };
}
