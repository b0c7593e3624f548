/**
 * Inherent and residual risk. Residual risk is never typed in: it follows from what testing and monitoring say
 * of the controls linked to the risk (docs/risks-and-vendors.md, "Residual risk", with a worked example).
 *
 * - Inherent score = likelihood × impact, each 1 to 5.
 * - Each linked control mitigates by its current conclusion (the engagement's forecast): `effective` lowers the
 *   likelihood 2 levels, `effective_with_exceptions` 1, and `not_effective`, `design_deficiency`, `not_tested`
 *   (or a control the engagement does not hold) not at all. A control whose latest monitoring run failed counts
 *   as having exceptions: it lowers the likelihood 1 level at most.
 * - Controls do not add up: the strongest one decides (controls over one risk usually overlap, and counting each
 *   would let many weak controls hide a strong risk). The likelihood never falls below 1.
 * - Impact is what happens when the risk occurs, which controls that prevent it do not change; only a transfer
 *   (insurance, a contract) lowers it, 1 level, floor 1.
 */
import type { ControlConclusion } from '../evaluation/result.js';
import { MIN_RATING, type RiskLevel, type RiskTreatment } from './model.js';

/** How much a control lowers a risk's likelihood, by its conclusion. */
export const MITIGATION_BY_CONCLUSION: Readonly<Record<ControlConclusion, number>> = {
  effective: 2,
  effective_with_exceptions: 1,
  not_effective: 0,
  design_deficiency: 0,
  not_tested: 0,
};

/** A control whose latest monitoring run failed mitigates as one with exceptions at best. */
export const MITIGATION_WHEN_MONITORING_FAILS = 1;

/** What is known of one linked control: its conclusion (null: the engagement has no such control) and monitoring. */
export interface LinkedControl {
  control: string;
  conclusion: ControlConclusion | null;
  /** Whether the latest run of a check that tests the control found failing items. */
  monitoringFailing: boolean;
}

/** What one linked control does for the risk, and why. */
export interface Mitigation {
  control: string;
  conclusion: ControlConclusion | null;
  monitoringFailing: boolean;
  /** Likelihood levels it would take off. */
  reduction: number;
  reason: string;
}

export interface RiskAssessment {
  inherent: { likelihood: number; impact: number; score: number; level: RiskLevel };
  residual: { likelihood: number; impact: number; score: number; level: RiskLevel };
  /** Each linked control's mitigation, in the order they are linked. */
  mitigations: Mitigation[];
  /** The control whose mitigation the residual likelihood reflects; null when none reduces it. */
  strongest: string | null;
  /** Why the residual risk is what it is, in words. */
  reasons: string[];
}

/**
 * The level of a likelihood × impact score: 1–4 low, 5–9 medium, 10–16 high, 20–25 critical. The bands follow
 * the usual 5×5 matrix: anything rated 5 on one axis and 4 or more on the other is critical.
 */
export function riskLevel(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

function mitigationOf(standing: LinkedControl): Mitigation {
  const { control, conclusion, monitoringFailing } = standing;
  if (conclusion === null) return { control, conclusion, monitoringFailing, reduction: 0, reason: `${control} is not a control of the engagement: it mitigates nothing` };
  const byConclusion = MITIGATION_BY_CONCLUSION[conclusion];
  const reduction = monitoringFailing ? Math.min(byConclusion, MITIGATION_WHEN_MONITORING_FAILS) : byConclusion;
  const said = `${control} is concluded ${conclusion.replaceAll('_', ' ')}`;
  const monitoring = monitoringFailing ? ' and its latest monitoring run failed' : '';
  const effect = reduction === 0 ? 'it does not lower the likelihood' : `it lowers the likelihood ${reduction} level${reduction === 1 ? '' : 's'}`;
  return { control, conclusion, monitoringFailing, reduction, reason: `${said}${monitoring}: ${effect}` };
}

/** Inherent and residual risk of a risk whose linked controls stand as given. */
export function assessRisk(
  risk: { likelihood: number; impact: number; treatment: RiskTreatment },
  controls: readonly LinkedControl[],
): RiskAssessment {
  const mitigations = controls.map(mitigationOf);
  const best = mitigations.reduce<Mitigation | null>((top, m) => (m.reduction > (top?.reduction ?? 0) ? m : top), null);
  const likelihood = Math.max(MIN_RATING, risk.likelihood - (best?.reduction ?? 0));
  const impact = risk.treatment === 'transfer' ? Math.max(MIN_RATING, risk.impact - 1) : risk.impact;
  const reasons = mitigations.map((m) => m.reason);
  if (mitigations.length === 0) reasons.push('No control is linked: the likelihood stays as rated');
  else if (best === null) reasons.push('No linked control is effective: the likelihood stays as rated');
  else reasons.push(`The strongest control, ${best.control}, sets the likelihood at ${likelihood} (of ${risk.likelihood}; never below ${MIN_RATING})`);
  if (risk.treatment === 'transfer') reasons.push(`The risk is transferred: its impact is lowered 1 level, to ${impact}`);
  const inherentScore = risk.likelihood * risk.impact;
  const residualScore = likelihood * impact;
  return {
    inherent: { likelihood: risk.likelihood, impact: risk.impact, score: inherentScore, level: riskLevel(inherentScore) },
    residual: { likelihood, impact, score: residualScore, level: riskLevel(residualScore) },
    mitigations,
    strongest: best?.control ?? null,
    reasons,
  };
}
