/** The opinion per subject and overall (DESIGN §5, "Opinion"; reference §5). */
import { seriesOf } from '../criteria/catalogue.js';
import type { Engagement, PervasivenessThresholds } from '../engagement.js';
import { list, percent } from '../format.js';
import { OPINION_KINDS, type CriterionResult, type Opinion, type OpinionKind } from './result.js';

/**
 * A set of criteria is pervasive when it spans at least `minSeries` series or holds at least `minShare`
 * of the in-scope criteria. Pervasiveness only grows as the set grows.
 */
export function isPervasive(
  criteria: readonly string[],
  inScopeCount: number,
  thresholds: PervasivenessThresholds,
): boolean {
  if (criteria.length === 0) return false;
  const series = new Set(criteria.map(seriesOf));
  if (series.size >= thresholds.minSeries) return true;
  return inScopeCount > 0 && criteria.length / inScopeCount >= thresholds.minShare;
}

export function mostSevere(kinds: readonly OpinionKind[]): OpinionKind {
  return kinds.reduce<OpinionKind>(
    (worst, k) => (OPINION_KINDS.indexOf(k) > OPINION_KINDS.indexOf(worst) ? k : worst),
    'unmodified',
  );
}

export function formOpinion(
  engagement: Pick<Engagement, 'reportType' | 'misstatements' | 'pervasiveness'>,
  criteria: readonly CriterionResult[],
): Opinion {
  const inScope = criteria.filter((c) => c.status !== 'not_applicable');
  const pervasive = (ids: string[]) => isPervasive(ids, inScope.length, engagement.pervasiveness);
  const extent = (ids: string[]) =>
    `${ids.length} of ${inScope.length} in-scope criteria (${percent(ids.length / Math.max(1, inScope.length))}) in ${new Set(ids.map(seriesOf)).size} series`;
  const basis: string[] = [];

  // Description: misstatements of the system description.
  let description: OpinionKind = 'unmodified';
  for (const m of engagement.misstatements) {
    const kind: OpinionKind = m.pervasive ? 'adverse' : 'qualified';
    description = mostSevere([description, kind]);
    basis.push(`Description ${m.pervasive ? 'pervasively ' : ''}misstated: ${m.text} → ${kind}.`);
  }

  // Design: criteria that cannot be met because a control is missing or ill-designed.
  const designNotMet = inScope.filter((c) => c.status === 'not_met' && c.failures.includes('design')).map((c) => c.id);
  let design: OpinionKind = 'unmodified';
  if (designNotMet.length > 0) {
    design = pervasive(designNotMet) ? 'adverse' : 'qualified';
    basis.push(
      `Controls not suitably designed: ${list(designNotMet)} not met (${extent(designNotMet)}${design === 'adverse' ? ', pervasive' : ''}) → ${design}.`,
    );
  }

  // Operating effectiveness (Type 2): criteria not met in operation, and criteria the evidence could not support.
  let operatingEffectiveness: OpinionKind | null = null;
  if (engagement.reportType === 'type2') {
    const operatingNotMet = inScope.filter((c) => c.status === 'not_met' && c.failures.includes('operating')).map((c) => c.id);
    const unable = inScope.filter((c) => c.status === 'unable_to_conclude').map((c) => c.id);
    let fromOperation: OpinionKind = 'unmodified';
    if (operatingNotMet.length > 0) {
      fromOperation = pervasive(operatingNotMet) ? 'adverse' : 'qualified';
      basis.push(
        `Controls did not operate effectively: ${list(operatingNotMet)} not met (${extent(operatingNotMet)}${fromOperation === 'adverse' ? ', pervasive' : ''}) → ${fromOperation}.`,
      );
    }
    let fromScope: OpinionKind = 'unmodified';
    if (unable.length > 0) {
      fromScope = pervasive(unable) ? 'disclaimer' : 'qualified';
      basis.push(
        `Scope limitation: unable to conclude on ${list(unable)} (${extent(unable)}${fromScope === 'disclaimer' ? ', pervasive' : ''}) → ${fromScope}.`,
      );
    }
    operatingEffectiveness = mostSevere([fromOperation, fromScope]);
  }

  const subjects = { description, design, operatingEffectiveness };
  const overall = mostSevere([description, design, operatingEffectiveness ?? 'unmodified']);
  if (overall === 'unmodified') {
    basis.push('Every in-scope criterion is met (exceptions may still be listed) and the description is fairly presented.');
  }
  return { overall, pervasive: overall === 'adverse' || overall === 'disclaimer', basis, subjects };
}
