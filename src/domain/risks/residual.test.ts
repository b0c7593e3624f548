import { describe, expect, it } from 'vitest';
import { assessRisk, riskLevel } from './residual.js';
import { riskFlags } from './review.js';

describe('residual risk', () => {
  it('works the documented example: the strongest control lowers the likelihood, impact stays', () => {
    const assessment = assessRisk({ likelihood: 4, impact: 5, treatment: 'mitigate' }, [
      { control: 'AC-04', conclusion: 'effective_with_exceptions', monitoringFailing: false },
      { control: 'AC-07', conclusion: 'effective', monitoringFailing: false },
    ]);
    expect(assessment.inherent).toEqual({ likelihood: 4, impact: 5, score: 20, level: 'critical' });
    expect(assessment.residual).toEqual({ likelihood: 2, impact: 5, score: 10, level: 'high' });
    expect(assessment.strongest).toBe('AC-07');
    expect(assessment.reasons.at(-1)).toMatch(/AC-07, sets the likelihood at 2/);
  });

  it('lets a failing monitoring run cap an effective control at one level', () => {
    const standing = { control: 'AC-07', conclusion: 'effective' as const };
    expect(assessRisk({ likelihood: 4, impact: 5, treatment: 'mitigate' }, [{ ...standing, monitoringFailing: true }]).residual.score).toBe(15);
  });

  it('gives nothing for failing, deficient, untested or unknown controls', () => {
    const assessment = assessRisk({ likelihood: 3, impact: 3, treatment: 'accept' }, [
      { control: 'A', conclusion: 'not_effective', monitoringFailing: false },
      { control: 'B', conclusion: 'design_deficiency', monitoringFailing: false },
      { control: 'C', conclusion: 'not_tested', monitoringFailing: false },
      { control: 'D', conclusion: null, monitoringFailing: false },
    ]);
    expect(assessment.residual.score).toBe(9);
    expect(assessment.strongest).toBeNull();
    expect(assessment.reasons).toContain('D is not a control of the engagement: it mitigates nothing');
  });

  it('lowers the impact only for a transfer, never below 1', () => {
    expect(assessRisk({ likelihood: 2, impact: 3, treatment: 'transfer' }, []).residual).toMatchObject({ likelihood: 2, impact: 2 });
    expect(assessRisk({ likelihood: 1, impact: 1, treatment: 'transfer' }, []).residual.score).toBe(1);
    expect(assessRisk({ likelihood: 2, impact: 3, treatment: 'avoid' }, []).residual.impact).toBe(3);
  });

  it('bands scores into levels', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(riskLevel)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});

describe('risk flags', () => {
  const base = { treatment: 'mitigate' as const, acceptance: null, nextReviewOn: null };
  it('flags an acceptance on or after its expiry, and an accepted risk without one', () => {
    const acceptance = { approver: 'cfo@acme.example', reason: 'Cost', expiresOn: '2026-06-30' };
    expect(riskFlags({ ...base, treatment: 'accept', acceptance }, '2026-06-29')).toEqual([]);
    expect(riskFlags({ ...base, treatment: 'accept', acceptance }, '2026-06-30')).toEqual(['acceptance_expired']);
    expect(riskFlags({ ...base, treatment: 'accept' }, '2026-01-01')).toEqual(['acceptance_missing']);
  });

  it('flags a review whose date has passed', () => {
    expect(riskFlags({ ...base, nextReviewOn: '2026-03-01' }, '2026-03-01')).toEqual([]);
    expect(riskFlags({ ...base, nextReviewOn: '2026-03-01' }, '2026-03-02')).toEqual(['review_overdue']);
  });
});
