/**
 * A small document printer in the Wadler style that Prettier and Biome use: a document is text with possible line
 * breaks grouped so that each group is printed on one line when it fits and broken otherwise. `workflow import`
 * lays out the TypeScript it writes with it, so the result is already in the form the formatter gives.
 */

/** A document: text, or a structure of groups, indents and possible line breaks. */
export type Doc = string | readonly Doc[] | DocNode;

type DocNode =
  | { readonly kind: 'group'; readonly contents: Doc; break: boolean }
  | { readonly kind: 'conditional'; readonly states: readonly Doc[] }
  | { readonly kind: 'indent'; readonly contents: Doc }
  | { readonly kind: 'line'; readonly soft: boolean; readonly hard: boolean; readonly literal?: boolean }
  | { readonly kind: 'ifBreak'; readonly broken: Doc; readonly flat: Doc }
  | { readonly kind: 'breakParent' };

/** A space when its group fits on one line, a line break otherwise. */
export const line: Doc = { kind: 'line', soft: false, hard: false };
/** Nothing when its group fits on one line, a line break otherwise. */
export const softline: Doc = { kind: 'line', soft: true, hard: false };
/** Always a line break (and every group around it breaks). */
export const hardline: Doc = { kind: 'line', soft: false, hard: true };

/** A line break inside a template literal's text: no indent after it, and nothing trimmed before it. */
export const literalline: Doc = { kind: 'line', soft: false, hard: true, literal: true };

/** Prints nothing; breaks every group around it. */
export const breakParent: Doc = { kind: 'breakParent' };

/** Printed on one line when it fits, broken otherwise (or always broken when `shouldBreak`). */
export function group(contents: Doc, shouldBreak = false): Doc {
  return { kind: 'group', contents, break: shouldBreak };
}

/** The first of `states` that fits, the last one (broken) when none does: Prettier's `conditionalGroup`. */
export function conditionalGroup(states: readonly Doc[]): Doc {
  return { kind: 'conditional', states };
}

/** Its contents, with the line breaks inside indented one level more. */
export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents };
}

/** `broken` when the enclosing group breaks, `flat` otherwise. */
export function ifBreak(broken: Doc, flat: Doc = ''): Doc {
  return { kind: 'ifBreak', broken, flat };
}

/** `docs` with `separator` between each two. */
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  return docs.flatMap((d, i) => (i === 0 ? [d] : [separator, d]));
}

/** True when the document holds a hard line break outside any conditional group (it can never be flat). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (isArray(doc)) return doc.some(willBreak);
  switch (doc.kind) {
    case 'group':
      return doc.break || willBreak(doc.contents);
    case 'conditional':
      return willBreak(doc.states[0] as Doc);
    case 'indent':
      return willBreak(doc.contents);
    case 'breakParent':
      return true;
    case 'line':
      return doc.hard;
    case 'ifBreak':
      return willBreak(doc.broken);
  }
}

function isArray(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc);
}

/** Marks every group that holds a hard line break as broken (conditional groups choose for themselves). */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (isArray(doc)) {
    let hard = false;
    for (const d of doc) hard = propagateBreaks(d) || hard;
    return hard;
  }
  switch (doc.kind) {
    case 'group': {
      const inner = propagateBreaks(doc.contents);
      if (inner) doc.break = true;
      return doc.break;
    }
    case 'conditional': {
      for (const s of doc.states) propagateBreaks(s);
      return false;
    }
    case 'indent':
      return propagateBreaks(doc.contents);
    case 'line':
      return doc.hard;
    case 'breakParent':
      return true;
    case 'ifBreak':
      propagateBreaks(doc.flat);
      return propagateBreaks(doc.broken);
  }
}

type Mode = 'flat' | 'break';
interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/**
 * Whether `next`, followed by the rest of the line, fits in `width` columns: text is measured up to the first
 * line break that will be printed as one.
 */
function fits(next: Command, rest: readonly Command[], width: number, mustBeFlat: boolean): boolean {
  let remaining = width;
  let restIndex = rest.length;
  const stack: { mode: Mode; doc: Doc }[] = [{ mode: next.mode, doc: next.doc }];
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      const r = rest[--restIndex] as Command;
      stack.push({ mode: r.mode, doc: r.doc });
      continue;
    }
    const { mode, doc } = stack.pop() as { mode: Mode; doc: Doc };
    if (typeof doc === 'string') {
      remaining -= doc.length;
      continue;
    }
    if (isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ mode, doc: doc[i] as Doc });
      continue;
    }
    switch (doc.kind) {
      case 'group': {
        if (mustBeFlat && doc.break) return false;
        stack.push({ mode: doc.break ? 'break' : mode, doc: doc.contents });
        break;
      }
      case 'conditional':
        stack.push({ mode, doc: (mode === 'break' ? doc.states[doc.states.length - 1] : doc.states[0]) as Doc });
        break;
      case 'breakParent':
        break;
      case 'indent':
        stack.push({ mode, doc: doc.contents });
        break;
      case 'line':
        if (mode === 'break' || doc.hard) return true;
        if (!doc.soft) remaining -= 1;
        break;
      case 'ifBreak':
        stack.push({ mode, doc: mode === 'break' ? doc.broken : doc.flat });
        break;
    }
  }
  return false;
}

/**
 * The text of `doc` laid out in `width` columns with `tab` spaces per indent level. Lines carry no trailing spaces.
 */
export function printDoc(doc: Doc, width = 120, tab = 2): string {
  propagateBreaks(doc);
  const out: string[] = [];
  let pos = 0;
  let remeasure = false;
  const cmds: Command[] = [{ indent: 0, mode: 'break', doc }];
  while (cmds.length > 0) {
    const { indent: ind, mode, doc: d } = cmds.pop() as Command;
    if (typeof d === 'string') {
      out.push(d);
      pos += d.length;
      continue;
    }
    if (isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) cmds.push({ indent: ind, mode, doc: d[i] as Doc });
      continue;
    }
    switch (d.kind) {
      case 'indent':
        cmds.push({ indent: ind + tab, mode, doc: d.contents });
        break;
      case 'ifBreak':
        cmds.push({ indent: ind, mode, doc: mode === 'break' ? d.broken : d.flat });
        break;
      case 'breakParent':
        break;
      case 'group': {
        if (mode === 'flat' && !remeasure) {
          cmds.push({ indent: ind, mode: d.break ? 'break' : 'flat', doc: d.contents });
          break;
        }
        remeasure = false;
        const flat: Command = { indent: ind, mode: 'flat', doc: d.contents };
        if (!d.break && fits(flat, cmds, width - pos, false)) cmds.push(flat);
        else cmds.push({ indent: ind, mode: 'break', doc: d.contents });
        break;
      }
      case 'conditional': {
        if (mode === 'flat' && !remeasure) {
          cmds.push({ indent: ind, mode: 'flat', doc: d.states[0] as Doc });
          break;
        }
        remeasure = false;
        const chosen = d.states.find((s, i) => {
          if (i === d.states.length - 1) return true;
          return fits({ indent: ind, mode: 'flat', doc: s }, cmds, width - pos, false);
        }) as Doc;
        const last = chosen === d.states[d.states.length - 1];
        cmds.push({ indent: ind, mode: last ? 'break' : 'flat', doc: chosen });
        break;
      }
      case 'line': {
        if (mode === 'flat' && !d.hard) {
          if (!d.soft) {
            out.push(' ');
            pos += 1;
          }
          break;
        }
        if (mode === 'flat') remeasure = true;
        if (d.literal === true) {
          out.push('\n');
          pos = 0;
          break;
        }
        while (out.length > 0 && / +$/.test(out[out.length - 1] as string)) {
          out[out.length - 1] = (out[out.length - 1] as string).replace(/ +$/, '');
          if (out[out.length - 1] === '') out.pop();
          else break;
        }
        out.push(`\n${' '.repeat(ind)}`);
        pos = ind;
        break;
      }
    }
  }
  return out.join('');
}
