import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LintDocument, lint } from '../../src/index.js';
import { fullPipeline } from '../pipeline/fixtures.js';
import { container, workflow } from './support.js';

/** A workflow that passes Argo's rules but breaks policy (no limits, no labels, no security context). */
const plain = workflow([container('main')], {}, { name: 'plain' });
/** The same workflow, labelled as the pipeline compiler labels every object. */
const stamped = workflow(
  [container('main')],
  {},
  { name: 'stamped', labels: { 'app.kubernetes.io/managed-by': 'sluice' } },
);

function policyRulesHit(documents: readonly LintDocument[], policy?: boolean): string[][] {
  return lint(documents, policy === undefined ? {} : { policy }).map((r) =>
    [...new Set(r.errors.filter((e) => e.rule.startsWith('policy/')).map((e) => e.rule))].sort(),
  );
}

describe('policy rules by default', () => {
  it('apply to documents labelled app.kubernetes.io/managed-by: sluice, not to plain workflows', () => {
    const [forPlain, forStamped] = policyRulesHit([
      { source: 'plain.yaml', doc: plain },
      { source: 'stamped.yaml', doc: stamped },
    ]);
    expect(forPlain).toEqual([]);
    expect(forStamped).toEqual(['policy/required-labels', 'policy/resource-limits', 'policy/run-as-non-root']);
  });

  it('apply to documents the loader marks fromPipeline, whatever their labels', () => {
    expect(policyRulesHit([{ source: 'p.ts', doc: plain, fromPipeline: true }])[0]).toContain('policy/resource-limits');
  });

  it('ignore other managed-by values', () => {
    const helm = workflow([container('main')], {}, { name: 'h', labels: { 'app.kubernetes.io/managed-by': 'Helm' } });
    expect(policyRulesHit([{ source: 'h.yaml', doc: helm }])).toEqual([[]]);
  });

  it('policy: true applies them everywhere, policy: false nowhere, whatever the document', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (labelled, fromPipeline) => {
        const doc = labelled ? stamped : plain;
        const document: LintDocument = { source: 'x.yaml', doc, fromPipeline };
        expect(policyRulesHit([document], true)[0]).toContain('policy/resource-limits');
        expect(policyRulesHit([document], false)[0]).toEqual([]);
        expect(policyRulesHit([document])[0]?.length !== 0).toBe(labelled || fromPipeline);
      }),
      { numRuns: 20 },
    );
  });

  it('pass every object a pipeline() compiles, with no flag', () => {
    const documents = fullPipeline()
      .toManifests()
      .map((doc) => ({ source: 'pipeline.ts', doc }));
    const results = lint(documents);
    expect(results.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  it('report a pipeline violation with no flag: a pipeline without a team label', () => {
    const documents = fullPipeline({ labels: { costCenter: 'cc-142' } })
      .toManifests()
      .map((doc) => ({ source: 'pipeline.ts', doc }));
    const findings = lint(documents).flatMap((r) => r.errors);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === 'policy/required-labels' && f.severity === 'warning')).toBe(true);
    expect(findings[0]?.message).toContain('metadata.labels is missing team');
    expect(lint(documents, { policy: false }).flatMap((r) => r.errors)).toEqual([]);
  });
});
