/** Where a task or step is, for error messages. */
export interface NodePlace {
  readonly kind: 'dag' | 'steps';
  readonly template: string;
  readonly name: string;
}

/** `dag "main" task "a"` or `steps "main" step "a"`. */
export function placeText(p: NodePlace): string {
  return p.kind === 'dag' ? `dag "${p.template}" task "${p.name}"` : `steps "${p.template}" step "${p.name}"`;
}
