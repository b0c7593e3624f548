/**
 * Period coverage of an engagement (docs/coverage.md): for each periodic control, the occurrences its period
 * requires and the evidence covering each, by the domain's rule (src/domain/coverage). Read only: the
 * examination counts the same missing occurrences as deviations (the examination service).
 */
import { NotFoundError, engagementCoverage, type Control, type ControlCoverage } from '../../domain/index.js';
import type { ControlCoverageView, EngagementCoverage } from '../../contract/coverage.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';

const view = (control: Control, coverage: ControlCoverage) => ({ ...coverage, title: control.title, frequency: control.frequency });

export function createCoverageService(deps: {
  controls: Pick<ControlsRepository, 'loadKeyedExamination'>;
  lookup: EngagementScope;
  access: Access;
}) {
  const { controls, lookup, access } = deps;

  async function load(actor: Actor, organizationId: string, engagementId: string) {
    await access.require(actor, organizationId, 'examination.read');
    await lookup.engagement(organizationId, engagementId);
    const { examination, evidence } = await controls.loadKeyedExamination(engagementId);
    const { reportType, periodStart, periodEnd } = examination.engagement;
    return { period: { reportType, periodStart, periodEnd }, examination, evidence, coverage: engagementCoverage(examination, evidence) };
  }

  return {
    /** Every control in use with its occurrences over the period, in the engagement's order. */
    async engagement(actor: Actor, organizationId: string, engagementId: string): Promise<EngagementCoverage> {
      const { period, examination, coverage } = await load(actor, organizationId, engagementId);
      return { ...period, controls: coverage.map((c, i) => view(examination.controls[i] as Control, c)) };
    },

    /** One control's occurrences over the period, with the evidence records its calendar links to. */
    async control(actor: Actor, organizationId: string, engagementId: string, controlId: string): Promise<ControlCoverageView> {
      const { period, examination, evidence, coverage } = await load(actor, organizationId, engagementId);
      const index = examination.controls.findIndex((c) => c.id === controlId);
      // An archived control is out of the examination, and so out of coverage.
      if (index < 0) throw new NotFoundError(`Control ${controlId}`);
      const control = examination.controls[index] as Control;
      const records = evidence
        .filter((e) => e.control === controlId)
        .map(({ id, fileName, coversFrom, coversTo }) => ({ id, fileName, coversFrom, coversTo }));
      return { ...period, ...view(control, coverage[index] as ControlCoverage), evidenceRecords: records };
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
