/**
 * Laws of the findings lifecycle over random sequences of work: steps to any status, root causes, actions
 * planned and completed, retests passing or failing, risk acceptances expiring. Whatever the sequence:
 * a finding closes only on a passing retest over a period after its last fix, its deviations never change,
 * every recorded step is one of the table's, and expiry is idempotent.
 */
import { fc, test as prop } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { requiredSampleSize } from '../sampling/frequency.js';
import { buildSamples } from '../testing/builders.js';
import { expireAcceptedRisk } from './events.js';
import { isAllowedStep, transition } from './lifecycle.js';
import { FINDING_STATUSES, type Finding, type FindingStatus } from './model.js';
import { RETESTED_CONTROL, buildAction, buildFinding, buildRetest, contextOf } from './testing.js';

const RUNS = Number(process.env['ASSAY_PROPERTY_RUNS'] ?? 300);
const context = contextOf();
const POPULATION = 14;

/** Day n after 2026-07-01 as an ISO date. */
function day(n: number): string {
  return new Date(Date.UTC(2026, 6, 1 + n)).toISOString().slice(0, 10);
}

function daysFrom(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(2026, 6, 1)) / 86_400_000);
}

type Op =
  | { op: 'step'; to: FindingStatus; on: number; accept: boolean; expiresIn: number; falsePositive: boolean }
  | { op: 'advance'; on: number }
  | { op: 'rootCause' }
  | { op: 'plan' }
  | { op: 'complete'; index: number; on: number }
  | { op: 'completeAll'; on: number }
  | { op: 'retest'; startsOn: number; afterFix: boolean; passed: number; failed: number }
  | { op: 'expire'; on: number };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('step' as const), to: fc.constantFrom(...FINDING_STATUSES), on: fc.nat(400), accept: fc.boolean(), expiresIn: fc.integer({ min: -5, max: 90 }), falsePositive: fc.boolean() }) },
  // The way through, so that long sequences do reach closing (and try it at every point).
  { weight: 8, arbitrary: fc.record({ op: fc.constant('advance' as const), on: fc.nat(400) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'rootCause' as const }) },
  { weight: 2, arbitrary: fc.constant({ op: 'plan' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('complete' as const), index: fc.nat(3), on: fc.nat(400) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('completeAll' as const), on: fc.nat(400) }) },
  // Retests mostly start near the last fix (on either side of it), sometimes anywhere.
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('retest' as const),
      startsOn: fc.integer({ min: -3, max: 400 }),
      afterFix: fc.boolean(),
      passed: fc.nat(7),
      failed: fc.oneof(fc.constant(0), fc.nat(2)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), on: fc.nat(400) }) },
);

const NEXT: Partial<Record<FindingStatus, FindingStatus>> = {
  open: 'analysing',
  analysing: 'remediating',
  remediating: 'ready_for_retest',
  ready_for_retest: 'closed',
  risk_accepted: 'remediating',
};

/** The closing rule stated on its own, from the contract rather than the code: the oracle for canClose. */
function hasPassingRetestAfterFix(finding: Finding): boolean {
  const actions = finding.correctiveActions;
  if (actions.length === 0 || actions.some((a) => a.status !== 'done' || a.completedOn === null)) return false;
  const fixedOn = actions.map((a) => a.completedOn as string).sort().at(-1) as string;
  const required = requiredSampleSize(RETESTED_CONTROL.frequency, POPULATION) ?? 1;
  return finding.retests.some(
    (r) =>
      r.control === finding.control &&
      r.periodStart > fixedOn &&
      r.samples.length >= required &&
      r.samples.every((s) => s.result === 'pass'),
  );
}

function apply(finding: Finding, op: Op, n: number): Finding {
  switch (op.op) {
    case 'step': {
      const outcome = transition(
        finding,
        op.to,
        {
          on: day(op.on),
          ...(op.accept ? { riskAcceptance: { approver: 'CFO', reason: 'Compensated', expires: day(op.on + op.expiresIn), acceptedOn: day(op.on) } } : {}),
          ...(op.falsePositive ? { falsePositiveReason: 'Not an exception' } : {}),
        },
        context,
      );
      if (!outcome.ok) return finding;
      if (op.to === 'closed') expect(hasPassingRetestAfterFix(finding), 'closed without a passing retest after the fix').toBe(true);
      return outcome.finding;
    }
    case 'advance': {
      const next = NEXT[finding.status];
      return next ? apply(finding, { op: 'step', to: next, on: op.on, accept: false, expiresIn: 0, falsePositive: false }, n) : finding;
    }
    case 'rootCause':
      return { ...finding, rootCause: 'RC-1' };
    case 'plan':
      return { ...finding, correctiveActions: [...finding.correctiveActions, buildAction({ id: `CA-${n}` })] };
    case 'complete':
      return {
        ...finding,
        correctiveActions: finding.correctiveActions.map((a, i) =>
          i === op.index ? { ...a, status: 'done' as const, completedOn: day(op.on) } : a,
        ),
      };
    case 'completeAll':
      return {
        ...finding,
        correctiveActions: finding.correctiveActions.map((a) => (a.status === 'done' ? a : { ...a, status: 'done' as const, completedOn: day(op.on) })),
      };
    case 'retest': {
      const fixedOn = finding.correctiveActions.map((a) => a.completedOn ?? '').sort().at(-1);
      const start = op.afterFix && fixedOn ? daysFrom(fixedOn) + Math.min(op.startsOn, 10) : op.startsOn;
      const retest = buildRetest({ id: `RT-${n}`, periodStart: day(start), periodEnd: day(start + 30) });
      return { ...finding, retests: [...finding.retests, { ...retest, samples: buildSamples(op.passed, op.failed, `R${n}`) }] };
    }
    case 'expire':
      return expireAcceptedRisk(finding, day(op.on));
  }
}

let closedRuns = 0;

describe('findings lifecycle laws', () => {
  afterAll(() => {
    // The law is only worth something if the sequences do close: a good share of them must.
    expect(closedRuns).toBeGreaterThanOrEqual(Math.floor(RUNS / 30));
  });

  prop.prop([fc.array(arbOp, { minLength: 5, maxLength: 60, size: 'max' })], { numRuns: RUNS })(
    'any sequence closes only through a passing retest after the last fix, keeps the deviations and records only allowed steps',
    (ops) => {
      const start = buildFinding();
      let finding = start;
      ops.forEach((op, n) => {
        finding = apply(finding, op, n);
        expect(finding.failedSamples).toEqual(start.failedSamples);
      });
      for (const change of finding.history) {
        expect(isAllowedStep(change.from as FindingStatus, change.to), `${change.from} → ${change.to}`).toBe(true);
      }
      const closings = finding.history.filter((c) => c.to === 'closed').length;
      const entered = finding.history.filter((c) => c.from === 'ready_for_retest' && c.to === 'closed').length;
      expect(closings).toBe(entered);
      if (closings > 0) closedRuns++;
    },
  );

  prop.prop([fc.constantFrom(...FINDING_STATUSES), fc.boolean(), fc.nat(400), fc.nat(400), fc.nat(400)], { numRuns: RUNS })(
    'expiry is idempotent and only ever opens an accepted risk whose date has passed',
    (status, withAcceptance, expires, today, later) => {
      const finding = buildFinding({
        status,
        riskAcceptance: withAcceptance ? { approver: 'CFO', reason: 'r', expires: day(expires), acceptedOn: null } : null,
      });
      const once = expireAcceptedRisk(finding, day(today));
      expect(expireAcceptedRisk(once, day(today))).toBe(once);
      if (once !== finding) {
        expect([finding.status, once.status]).toEqual(['risk_accepted', 'open']);
        expect(today).toBeGreaterThan(expires);
        expect(once.failedSamples).toBe(finding.failedSamples);
      }
      // Expiring at one date then a later one is the same as at the later one alone.
      const a = expireAcceptedRisk(expireAcceptedRisk(finding, day(Math.min(today, later))), day(Math.max(today, later)));
      expect(a.status).toBe(expireAcceptedRisk(finding, day(Math.max(today, later))).status);
    },
  );
});
