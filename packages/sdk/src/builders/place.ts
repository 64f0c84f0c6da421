/** Where a task or step is, for error messages. */
export interface NodePlace {
  readonly kind: 'dag' | 'steps';
  readonly template: string;
  readonly name: string;
}

/** `dag "main" task "a"` or `steps "main" step "a"`; a place already written as text is returned as it is. */
export function placeText(p: NodePlace | string): string {
  if (typeof p === 'string') return p;
  return p.kind === 'dag' ? `dag "${p.template}" task "${p.name}"` : `steps "${p.template}" step "${p.name}"`;
}
