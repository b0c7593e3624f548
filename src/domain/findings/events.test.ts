import { describe, expect, it } from 'vitest';
import { examine } from '../evaluation/examine.js';
import { buildControl, buildExamination, testOf } from '../testing/builders.js';
import { closedOn, expireAcceptedRisk, reopenOnRegression } from './events.js';
import type { Finding } from './model.js';
import { buildFinding, buildRetest, doneAction } from './testing.js';

const AC04 = buildControl({ id: 'AC-04', criteria: ['CC6.2'], frequency: 'event', key: true });

/** An examination of 2027's first half in which AC-04 fails again (2 of 5 samples). */
const regressed = examine(
  buildExamination({
    engagement: { periodStart: '2027-01-01', periodEnd: '2027-06-30' },
    controls: [AC04],
    tests: [testOf('AC-04', 3, 2, 20)],
  }),
);

const closed = (overrides: Partial<Finding> = {}) =>
  buildFinding({
    status: 'closed',
    rootCause: 'RC-1',
    correctiveActions: [doneAction()],
    retests: [buildRetest()],
    history: [{ on: '2026-10-10', from: 'ready_for_retest', to: 'closed', reason: null }],
    ...overrides,
  });

describe('reopenOnRegression', () => {
  it('opens a closed finding again when its control is deficient after the closure, and marks its actions ineffective', () => {
    const finding = closed();
    const reopened = reopenOnRegression(finding, regressed);
    expect(reopened.status).toBe('open');
    expect(reopened.correctiveActions[0]?.verification).toMatchObject({ result: 'ineffective', on: '2027-06-30' });
    expect(reopened.history.at(-1)).toEqual({
      on: '2027-06-30',
      from: 'closed',
      to: 'open',
      reason:
        'AC-04 is deficient again (material weakness) in the examination of 2027-01-01 to 2027-06-30, deviations AC-04-4, AC-04-5, after the finding was closed on 2026-10-10: its corrective actions did not prevent it.',
    });
    // The original deviations stay exactly as they were.
    expect(reopened.failedSamples).toEqual(finding.failedSamples);
    // Idempotent: the reopened finding is not closed, so nothing more happens.
    expect(reopenOnRegression(reopened, regressed)).toBe(reopened);
  });

  it('leaves it alone when the examination ended before the closure, the control is fine, or the finding is not closed', () => {
    const early = examine(buildExamination({ engagement: { periodStart: '2026-01-01', periodEnd: '2026-06-30' }, controls: [AC04], tests: [testOf('AC-04', 3, 2, 20)] }));
    expect(reopenOnRegression(closed(), early).status).toBe('closed');
    const fine = examine(buildExamination({ engagement: { periodStart: '2027-01-01', periodEnd: '2027-06-30' }, controls: [AC04], tests: [testOf('AC-04', 5, 0, 20)] }));
    expect(reopenOnRegression(closed(), fine).status).toBe('closed');
    const remediating = buildFinding({ status: 'remediating' });
    expect(reopenOnRegression(remediating, regressed)).toBe(remediating);
    expect(reopenOnRegression(closed({ control: 'AC-05' }), regressed).status).toBe('closed');
  });

  it('takes the closure date from the latest retest when the history does not record it', () => {
    expect(closedOn(closed({ history: [] }))).toBe('2026-09-30');
  });

  it('reopens a closed gap when its criterion is again addressed by nothing', () => {
    const gap = examine(buildExamination({ engagement: { categories: [], periodEnd: '2027-06-30' }, controls: [] }));
    const finding = closed({ code: 'F-GAP-CC6.2', control: null, criteria: ['CC6.2'] });
    expect(reopenOnRegression(finding, gap).status).toBe('open');
  });
});

describe('expireAcceptedRisk', () => {
  const accepted = buildFinding({
    status: 'risk_accepted',
    riskAcceptance: { approver: 'CFO', reason: 'Weekly reconciliation compensates', expires: '2026-12-31', acceptedOn: '2026-07-01' },
  });

  it('keeps the acceptance through its expiry date', () => {
    expect(expireAcceptedRisk(accepted, '2026-12-31')).toBe(accepted);
  });

  it('opens the finding again the day after, saying whose acceptance lapsed', () => {
    const expired = expireAcceptedRisk(accepted, '2027-01-01');
    expect(expired.status).toBe('open');
    expect(expired.riskAcceptance).toBeNull();
    expect(expired.history).toEqual([
      { on: '2027-01-01', from: 'risk_accepted', to: 'open', reason: 'The risk acceptance approved by CFO expired on 2026-12-31.' },
    ]);
    expect(expired.failedSamples).toBe(accepted.failedSamples);
  });

  it('is idempotent', () => {
    const once = expireAcceptedRisk(accepted, '2027-03-01');
    expect(expireAcceptedRisk(once, '2027-03-01')).toBe(once);
    expect(expireAcceptedRisk(once, '2027-04-01')).toBe(once);
  });

  it('leaves findings that are not accepted risks alone', () => {
    const open = buildFinding();
    expect(expireAcceptedRisk(open, '2099-01-01')).toBe(open);
  });
});
