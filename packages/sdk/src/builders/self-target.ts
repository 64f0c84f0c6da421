import { freezeModel } from '../model/freeze.js';
import { type IoNames, NO_NAMES, RUNNABLE, type Runnable, type RunnableInternals } from './internal.js';

/**
 * A DAG or steps template calling itself (recursion), as the second argument of the `dag()` / `steps()` callback
 * gives it: a task or step runs it like the template's builder, with arguments checked against the template's
 * declared inputs. The template's own declared outputs are not readable through it (they are declared by the
 * callback's return, after its body); `outputs.result` and `outputs.exitCode` are.
 * @example
 * ```ts
 * import { container, type SelfTarget, steps } from '@sluice/sdk';
 *
 * const flipCoin = container({ name: 'flip-coin', container: { image: 'busybox:1.36' } });
 * const coinflip = steps('coinflip', (s, self: SelfTarget) => {
 *   const flip = s.step('flip-coin', flipCoin);
 *   s.step('tails', self, { when: `${flip.outputs.result} == tails` });
 * });
 * // - - name: tails
 * //     template: coinflip
 * //     when: '{{steps.flip-coin.outputs.result}} == tails'
 * ```
 */
export class SelfTarget<N extends string = string, I = unknown> implements Runnable<I, Record<never, never>> {
  /** Phantom: the declared inputs (and no readable outputs), for the types only. */
  declare readonly __sig?: { readonly in: I; readonly out: Record<never, never> };
  /** @internal */
  readonly [RUNNABLE]: RunnableInternals;
  /** The template's name. */
  readonly name: N;

  /** @internal Made by `dag()` and `steps()`. */
  constructor(name: N, inParams: Readonly<Record<string, string>>, inArtifacts: Readonly<Record<string, string>>) {
    this.name = name;
    const io: IoNames = Object.freeze({
      inParams,
      inArtifacts,
      outParams: NO_NAMES,
      outArtifacts: NO_NAMES,
      typed: true,
    });
    // No deps: the template being declared is listed by whoever lists it.
    this[RUNNABLE] = Object.freeze({
      io,
      target: freezeModel({ template: name }),
      deps: [],
      label: `template "${name}" (itself)`,
    });
  }
}
