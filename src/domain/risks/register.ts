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
