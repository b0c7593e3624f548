import { describe, expect, it } from 'vitest';
import { canClose, concludeRetest, judgeRetest, withConclusion } from './closure.js';
import { forwardStep, isAllowedStep, keepsFailedSamples, overrideClassification, statusRequirements, transition, TRANSITIONS } from './lifecycle.js';
import { FINDING_STATUSES, effectivePervasive, effectiveSeverity, type Finding } from './model.js';
import { RETESTED_CONTROL, buildAction, buildFinding, buildRetest, contextOf, doneAction } from './testing.js';

const context = contextOf();
const on = '2026-10-10';

/** A finding with its fix done on 2026-08-20, ready for its retest. */
const ready = (overrides: Partial<Finding> = {}) =>
  buildFinding({ status: 'ready_for_retest', rootCause: 'RC-1', correctiveActions: [doneAction()], ...overrides });

describe('the transition table', () => {
  it('lists every status, and only known statuses as targets', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...FINDING_STATUSES].sort());
    for (const targets of Object.values(TRANSITIONS)) {
      for (const t of targets) expect(FINDING_STATUSES).toContain(t);
    }
  });

  it('moves forward one status along the way through, and nowhere from an end', () => {
    expect(FINDING_STATUSES.map((s) => [s, forwardStep(s)])).toEqual([
      ['open', 'analysing'],
      ['analysing', 'remediating'],
      ['remediating', 'ready_for_retest'],
      ['ready_for_retest', 'closed'],
      ['closed', null],
      ['risk_accepted', null],
      ['false_positive', null],
    ]);
    for (const s of FINDING_STATUSES) {
      const forward = forwardStep(s);
      if (forward !== null) expect(isAllowedStep(s, forward)).toBe(true);
    }
  });

  it('reaches closed only from ready_for_retest', () => {
    const into = FINDING_STATUSES.filter((s) => isAllowedStep(s, 'closed'));
    expect(into).toEqual(['ready_for_retest']);
  });

  it('refuses a step the table does not have, naming the steps there are', () => {
    const outcome = transition(buildFinding(), 'closed', { on }, context);
    expect(outcome.ok).toBe(false);
    expect(outcome.reasons[0]).toBe('A finding cannot go from open to closed; from open it can go to analysing, risk_accepted, false_positive.');
  });
});

describe('what each status needs', () => {
  it('remediating needs a root cause and a corrective action', () => {
    const analysing = buildFinding({ status: 'analysing' });
    const refused = transition(analysing, 'remediating', { on }, context);
    expect(refused).toEqual({
      ok: false,
      reasons: ['Remediating needs a root cause: fix the cause, not the symptom.', 'Remediating needs at least one corrective action.'],
    });
    const done = transition({ ...analysing, rootCause: 'RC-1', correctiveActions: [buildAction()] }, 'remediating', { on }, context);
    expect(done.ok).toBe(true);
    if (done.ok) expect(done.finding.history).toEqual([{ on, from: 'analysing', to: 'remediating', reason: null }]);
  });

  it('ready for retest needs every action done with its date', () => {
    const remediating = buildFinding({ status: 'remediating', rootCause: 'RC-1', correctiveActions: [doneAction(), buildAction({ id: 'CA-2', status: 'in_progress' })] });
    expect(transition(remediating, 'ready_for_retest', { on }, context)).toEqual({
      ok: false,
      reasons: ['Ready for retest needs every corrective action done with its completion date (not yet: CA-2).'],
    });
  });

  it('an accepted risk needs an approver, a reason and an expiry after the day it is accepted', () => {
    const open = buildFinding();
    expect(transition(open, 'risk_accepted', { on }, context).ok).toBe(false);
    const acceptance = { approver: 'CFO', reason: 'Compensated by the weekly HR reconciliation', expires: '2026-12-31', acceptedOn: on };
    const accepted = transition(open, 'risk_accepted', { on, riskAcceptance: acceptance }, context);
    expect(accepted.ok && accepted.finding.riskAcceptance).toEqual(acceptance);
    expect(accepted.ok && accepted.finding.history.at(-1)?.reason).toBe(
      'Risk accepted by CFO until 2026-12-31: Compensated by the weekly HR reconciliation',
    );
    const expired = transition(open, 'risk_accepted', { on, riskAcceptance: { ...acceptance, expires: on } }, context);
    expect(expired).toEqual({ ok: false, reasons: ['The risk acceptance expires on 2026-10-10, which is not after 2026-10-10.'] });
    expect(transition(open, 'risk_accepted', { on, riskAcceptance: { ...acceptance, approver: ' ' } }, context).ok).toBe(false);
  });

  it('leaving an accepted risk drops the acceptance', () => {
    const accepted = buildFinding({ status: 'risk_accepted', riskAcceptance: { approver: 'CFO', reason: 'r', expires: '2026-12-31', acceptedOn: null } });
    const reopened = transition(accepted, 'open', { on }, context);
    expect(reopened.ok && reopened.finding.riskAcceptance).toBeNull();
  });

  it('a false positive needs its reason', () => {
    expect(transition(buildFinding(), 'false_positive', { on }, context).ok).toBe(false);
    const marked = transition(buildFinding(), 'false_positive', { on, falsePositiveReason: 'The account was a service account' }, context);
    expect(marked.ok && marked.finding.falsePositiveReason).toBe('The account was a service account');
  });
});

describe('closing only after a passing retest', () => {
  it('is refused without a corrective action, without a finished one, and without a retest', () => {
    expect(canClose(ready({ correctiveActions: [] }), context).reasons[0]).toMatch(/^No corrective action is recorded/);
    expect(canClose(ready({ correctiveActions: [buildAction({ status: 'in_progress' })] }), context).reasons).toEqual([
      'Corrective action CA-1 is in progress, not done.',
    ]);
    expect(canClose(ready(), context)).toEqual({
      ok: false,
      reasons: ['No retest yet: the control must be retested over a period starting after 2026-08-20, when the last corrective action was completed.'],
    });
    expect(transition(ready(), 'closed', { on }, context).ok).toBe(false);
  });

  it('is refused when the retest period does not start after the last fix was completed', () => {
    const early = ready({ retests: [buildRetest({ periodStart: '2026-08-20' })] });
    expect(canClose(early, context).reasons).toEqual([
      'Retest RT-1 covers 2026-08-20 to 2026-09-30, which does not start after the last corrective action was completed (2026-08-20).',
    ]);
    const lastFixLater = ready({ correctiveActions: [doneAction('2026-08-01'), doneAction('2026-09-15', 'CA-2')], retests: [buildRetest()] });
    expect(canClose(lastFixLater, context).ok).toBe(false);
  });

  it('is refused when the retest finds a deviation, by the engine conclusion rules', () => {
    const failing = ready({ retests: [buildRetest({ passed: 4, failed: 1 })] });
    const decision = canClose(failing, context);
    expect(decision.ok).toBe(false);
    expect(decision.reasons[0]).toBe('Retest RT-1 concludes not effective; closing needs effective.');
    // The same reasons as the engine gives for an examination's test.
    const engine = concludeRetest(buildRetest({ passed: 4, failed: 1 }), RETESTED_CONTROL, context.sampling);
    expect(decision.reasons.slice(1)).toEqual(engine.reasons);
  });

  it('is refused when the retest samples fewer than the frequency table asks for', () => {
    const small = ready({ retests: [buildRetest({ passed: 2 })] });
    expect(canClose(small, context).reasons[0]).toBe('Retest RT-1 tested 2 samples where the event frequency table asks for 5.');
  });

  it('is refused for a retest of another control, or of an unknown one', () => {
    expect(canClose(ready({ retests: [buildRetest({ control: 'AC-05' })] }), context).reasons).toEqual([
      "Retest RT-1 is of AC-05, not of the finding's control AC-04.",
    ]);
    expect(judgeRetest(buildRetest({ control: 'ZZ-1' }), context).ok).toBe(false);
  });

  it('closes with a passing retest after the fix, and says which retest carries it', () => {
    const finding = ready({ retests: [buildRetest({ id: 'RT-1', passed: 4, failed: 1 }), buildRetest({ id: 'RT-2', periodStart: '2026-10-01', periodEnd: '2026-10-31' })] });
    const decision = canClose(finding, context);
    expect(decision.ok).toBe(true);
    expect(decision.reasons[0]).toBe(
      'Retest RT-2 over 2026-10-01 to 2026-10-31, after the last corrective action was completed on 2026-08-20, concludes effective.',
    );
    const closed = transition(finding, 'closed', { on: '2026-11-05' }, context);
    expect(closed.ok && closed.finding.status).toBe('closed');
    expect(closed.ok && closed.finding.failedSamples).toBe(finding.failedSamples);
  });

  it('a finding without a control closes on a passing retest of the control that now addresses it', () => {
    const gap = ready({ control: null, code: 'F-GAP-CC6.2', retests: [buildRetest()] });
    expect(canClose(gap, context).ok).toBe(true);
  });

  it('records the engine conclusion on a retest', () => {
    expect(withConclusion(buildRetest(), context)).toMatchObject({ conclusion: 'effective' });
    expect(withConclusion(buildRetest({ passed: 3, failed: 2 }), context)).toMatchObject({ conclusion: 'not_effective' });
    expect(withConclusion(buildRetest({ control: 'ZZ-1' }), context)).toMatchObject({ conclusion: null });
  });

  it('statusRequirements of closed is canClose', () => {
    const finding = ready({ retests: [buildRetest()] });
    expect(statusRequirements(finding, 'closed', context)).toEqual(canClose(finding, context));
  });
});

describe('the auditor override', () => {
  it('needs a reason and a change, and keeps the forecast beside it', () => {
    const finding = buildFinding();
    const empty = overrideClassification(finding, { severity: 'significant_deficiency', pervasive: null, reason: '  ', by: null, on: null });
    expect(empty).toEqual({ ok: false, reasons: ['An override of the forecast needs the reason for the judgment.'] });
    expect(overrideClassification(finding, { severity: null, pervasive: null, reason: 'r', by: null, on: null }).ok).toBe(false);
    const judged = overrideClassification(finding, {
      severity: 'significant_deficiency',
      pervasive: null,
      reason: 'The HR reconciliation caught both within the month',
      by: 'auditor@firm.example',
      on: '2026-07-15',
    });
    expect(judged.ok).toBe(true);
    if (!judged.ok) return;
    expect(judged.finding.classification.severity).toBe('material_weakness');
    expect(effectiveSeverity(judged.finding.classification)).toBe('significant_deficiency');
    expect(effectivePervasive(judged.finding.classification)).toBe(false);
  });
});

describe('remediation never erases a deviation', () => {
  it('finds a changed or removed deviation', () => {
    const before = buildFinding();
    expect(keepsFailedSamples(before, { failedSamples: [...before.failedSamples, { item: 'T-12', note: null }] }).ok).toBe(true);
    expect(keepsFailedSamples(before, { failedSamples: before.failedSamples.slice(1) }).ok).toBe(false);
    expect(keepsFailedSamples(before, { failedSamples: before.failedSamples.map((d) => ({ ...d, note: 'fixed' })) }).reasons).toEqual([
      'Deviation T-7 was changed or removed: remediation never erases a deviation.',
      'Deviation T-11 was changed or removed: remediation never erases a deviation.',
    ]);
  });
});
