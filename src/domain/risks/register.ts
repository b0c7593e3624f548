/**
 * The register as read: each risk with its assessment against its controls' standing and its flags as of a day.
 * One rule for the database, a workspace and the documents, so the three never give different figures.
 */
import type { ControlConclusion } from '../evaluation/result.js';
import type { Risk } from './model.js';
import { assessRisk, type LinkedControl, type RiskAssessment } from './residual.js';
import { riskFlags, type RiskFlag } from './review.js';

/** How each control stands for the register: its conclusion now (null: no such control), and whether a check testing it last failed. */
export function controlStanding(conclusions: ReadonlyMap<string, ControlConclusion>, failing: ReadonlySet<string>): (control: string) => LinkedControl {
  return (control) => ({ control, conclusion: conclusions.get(control) ?? null, monitoringFailing: failing.has(control) });
}

/** A risk with its assessment from its controls' standing, and its flags as of `today` (YYYY-MM-DD). */
export function assessedRisk<T extends Risk>(risk: T, standing: (control: string) => LinkedControl, today: string): T & { assessment: RiskAssessment; flags: RiskFlag[] } {
  return { ...risk, assessment: assessRisk(risk, risk.controls.map(standing)), flags: riskFlags(risk, today) };
}

/** A risk as the register ranks and counts it: its code and its inherent and residual ratings. */
type Rated = { code: string; assessment: Pick<RiskAssessment, 'inherent' | 'residual'> };

/** Highest residual score first, then highest inherent, then by code: what needs attention first leads. */
export function compareByResidual(a: Rated, b: Rated): number {
  return b.assessment.residual.score - a.assessment.residual.score || b.assessment.inherent.score - a.assessment.inherent.score || a.code.localeCompare(b.code);
}

/** How many risks sit at a likelihood and impact of the heat map before controls (inherent) or after them (residual). */
export function heatMapCounts(risks: readonly Pick<Rated, 'assessment'>[], axis: 'inherent' | 'residual'): (likelihood: number, impact: number) => number {
  const counts = new Map<string, number>();
  for (const { assessment } of risks) {
    const { likelihood, impact } = assessment[axis];
    counts.set(`${likelihood}:${impact}`, (counts.get(`${likelihood}:${impact}`) ?? 0) + 1);
  }
  return (likelihood, impact) => counts.get(`${likelihood}:${impact}`) ?? 0;
}
