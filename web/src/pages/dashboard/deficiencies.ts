/** Deficiencies by severity: the counts, and the serious ones to look at first. */
import { SEVERITIES, type Deficiency, type Severity } from '@assay/domain/evaluation/result.js';

export function countBySeverity(deficiencies: readonly Pick<Deficiency, 'severity'>[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const deficiency of deficiencies) counts[deficiency.severity] += 1;
  return counts;
}

/** Material weaknesses first, then significant deficiencies, each by control ID (a missing control last). */
export function seriousDeficiencies<D extends Pick<Deficiency, 'severity' | 'control' | 'criteria'>>(deficiencies: readonly D[]): D[] {
  const rank = (d: D) => SEVERITIES.length - 1 - SEVERITIES.indexOf(d.severity);
  const missing = (d: D) => (d.control === null ? 1 : 0);
  const name = (d: D) => d.control ?? d.criteria.join(',');
  return deficiencies
    .filter((d) => d.severity === 'material_weakness' || d.severity === 'significant_deficiency')
    .sort((a, b) => rank(a) - rank(b) || missing(a) - missing(b) || name(a).localeCompare(name(b)));
}
