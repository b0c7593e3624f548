/** Deficiencies and their severity (DESIGN §5, "Deficiency"; reference §3). */
import { list, words } from '../format.js';
import type { ControlResult, CriterionResult, Deficiency, FailureKind } from './result.js';

export function findDeficiencies(controls: readonly ControlResult[], criteria: readonly CriterionResult[]): Deficiency[] {
  const inScope = new Map(criteria.filter((c) => c.status !== 'not_applicable').map((c) => [c.id, c]));
  const deficiencies: Deficiency[] = [];

  for (const control of controls) {
    if (
      control.conclusion !== 'effective_with_exceptions' &&
      control.conclusion !== 'not_effective' &&
      control.conclusion !== 'design_deficiency'
    ) {
      continue;
    }
    const kind: FailureKind = control.conclusion === 'design_deficiency' ? 'design' : 'operating';
    const affected = control.criteria.filter((id) => inScope.has(id));
    const notMet = affected.filter((id) => inScope.get(id)?.failingControls.includes(control.id));
    const reasons: string[] = [];
    let severity: Deficiency['severity'];
    if (notMet.length > 0) {
      severity = 'material_weakness';
      reasons.push(`It leaves ${list(notMet)} not met.`);
    } else if (control.conclusion === 'effective_with_exceptions') {
      severity = 'deficiency';
      reasons.push(`Exceptions noted, but the deviation rate is within tolerance and the control is still relied on.`);
    } else {
      severity = 'significant_deficiency';
      reasons.push(
        affected.length > 0
          ? `${control.id} is ${words(control.conclusion)}, but ${list(affected)} ${affected.length === 1 ? 'is' : 'are'} still met through other or compensating controls.`
          : `${control.id} is ${words(control.conclusion)}; it addresses no in-scope criterion.`,
      );
    }
    deficiencies.push({ control: control.id, kind, severity, criteria: affected, criteriaNotMet: notMet, reasons });
  }

  for (const criterion of criteria) {
    if (criterion.status === 'not_met' && criterion.controls.length === 0) {
      deficiencies.push({
        control: null,
        kind: 'design',
        severity: 'material_weakness',
        criteria: [criterion.id],
        criteriaNotMet: [criterion.id],
        reasons: [`No control addresses ${criterion.id}, so it cannot be met.`],
      });
    }
  }
  return deficiencies;
}
