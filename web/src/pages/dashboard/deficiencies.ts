/** Deficiencies by severity: the counts, the serious ones to look at first, and the what-if of fixing each. */
import { SEVERITIES, type Deficiency, type OpinionKind, type Severity } from '@assay/domain/evaluation/result.js';
import type { Fix } from '@assay/domain/evaluation/what-if.js';
import { opinionPhrase } from '../../labels.js';

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

/** How a fix is made: a control deficient in design is redesigned, one that did not operate is retested clean. */
export function fixAction(fix: Pick<Fix, 'conclusion'>): string {
  return fix.conclusion === 'design_deficiency' ? 'redesign it' : 'retest clean';
}

/** What the fix does to the overall opinion forecast, in words. */
export function opinionEffect(current: OpinionKind, after: OpinionKind): string {
  return after === current ? `the opinion stays ${opinionPhrase(after)}` : `the opinion becomes ${opinionPhrase(after)}`;
}

/** The criteria the fix leaves unable to conclude: other key controls behind them still need a test. */
export function stillUntested(fix: Pick<Fix, 'criteria'>): string[] {
  return fix.criteria.filter((c) => c.after === 'unable_to_conclude').map((c) => c.id);
}
