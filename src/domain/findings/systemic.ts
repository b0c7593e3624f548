/**
 * Systemic causes: findings that share a root cause are one issue (reference §3: a recurring root cause is a
 * marker that deviations are not isolated). Ranked by how many findings and how many distinct criteria a
 * cause touches.
 */
import { compareIds } from '../evaluation/examine.js';
import type { Finding, RootCause } from './model.js';

export interface SystemicCause {
  rootCause: RootCause;
  /** Ids of the findings traced to it, in id order. */
  findings: string[];
  /** The distinct criteria those findings concern. */
  criteria: string[];
  /** The distinct controls those findings concern. */
  controls: string[];
  /** True when more than one finding shares the cause. */
  systemic: boolean;
}

/**
 * Every root cause that at least one finding is traced to, most findings first, then most criteria, then id.
 * Findings closed as false positives are left out: they were never issues.
 */
export function systemicCauses(findings: readonly Finding[], rootCauses: readonly RootCause[]): SystemicCause[] {
  const byId = new Map(rootCauses.map((r) => [r.id, r]));
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.rootCause === null || finding.status === 'false_positive' || !byId.has(finding.rootCause)) continue;
    const group = groups.get(finding.rootCause);
    if (group) group.push(finding);
    else groups.set(finding.rootCause, [finding]);
  }
  const causes = [...groups].map(([id, group]): SystemicCause => ({
    rootCause: byId.get(id) as RootCause,
    findings: group.map((f) => f.code).sort(compareIds),
    criteria: [...new Set(group.flatMap((f) => f.criteria))].sort(compareIds),
    controls: [...new Set(group.flatMap((f) => (f.control === null ? [] : [f.control])))].sort(compareIds),
    systemic: group.length > 1,
  }));
  return causes.sort(
    (a, b) =>
      b.findings.length - a.findings.length ||
      b.criteria.length - a.criteria.length ||
      compareIds(a.rootCause.id, b.rootCause.id),
  );
}
