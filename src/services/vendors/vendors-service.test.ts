import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/index.js';
import { buildVendorInput } from '../../domain/vendors/testing.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';
import type { VendorInput, VendorReportInput } from './vendors-service.js';

const vendor: VendorInput = buildVendorInput({ lastReviewedOn: '2025-06-01' });

/** A report whose period ended yesterday: current. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const clean: VendorReportInput = { periodStart: '2025-01-01', periodEnd: yesterday, opinion: 'unmodified', exceptions: 0, cuecs: [] };

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: vendors service`, () => {
    const store = useFreshStore(engine);

    async function world() {
      const w = await findingsWorld(store());
      return { ...w, scope: [w.organizationId, w.engagementId] as const };
    }

    it('raises one risk per report and reason, linked back to the vendor and to our CUEC controls, and never twice', async () => {
      const { services, scope, member, events } = await world();
      const lead = await member('compliance');
      const { code } = await services.vendors.create(lead, ...scope, vendor);
      expect(code).toBe('V-001');

      expect((await services.vendors.recordReport(lead, ...scope, code, clean)).raised).toEqual([]);
      const cuecs = [
        { text: 'Customers review who has access', control: 'AC-01' },
        { text: 'Customers encrypt their exports', control: null },
      ];
      const today = new Date().toISOString().slice(0, 10);
      const recorded = await services.vendors.recordReport(lead, ...scope, code, { ...clean, periodEnd: today, exceptions: 2, cuecs });
      expect(recorded.raised).toEqual(['R-001']);
      // A second look finds nothing new: the risk for this report and reason exists.
      expect(await services.vendors.assess(lead, ...scope)).toEqual([]);

      const risk = await services.risks.get(lead, ...scope, 'R-001');
      expect(risk).toMatchObject({
        title: 'CloudHost: its SOC 2 report has exceptions (2)',
        category: 'Vendor',
        impact: 5,
        likelihood: 3,
        controls: ['AC-01'],
        raisedBy: { vendor: 'V-001', report: recorded.report.id, reason: 'exceptions' },
      });
      // Our control AC-01 is effective: the residual follows it.
      expect(risk.assessment.residual.likelihood).toBe(1);

      const { vendors } = await services.vendors.list(lead, ...scope);
      expect(vendors[0]).toMatchObject({ code: 'V-001', reviewOverdue: true, risks: ['R-001'] });
      expect(vendors[0]?.reports.map((r) => [r.reasons, r.gaps])).toEqual([
        [[], 0],
        [['exceptions'], 1],
      ]);
      expect(await events('vendor.report_recorded')).toHaveLength(2);
      expect((await events('risk.created'))[0]).toMatchObject({ after: { code: 'R-001', raisedBy: { vendor: 'V-001' } } });
    });

    it('raises a risk for a modified opinion and for an expired report, each once', async () => {
      const { services, scope } = await world();
      const { code } = await services.vendors.create(OPERATOR, ...scope, vendor);
      const old = await services.vendors.recordReport(OPERATOR, ...scope, code, { ...clean, periodStart: '2023-01-01', periodEnd: '2023-12-31', opinion: 'qualified' });
      expect(old.raised).toEqual(['R-001', 'R-002']);
      const register = await services.risks.list(OPERATOR, ...scope);
      expect(register.risks.map((r) => r.raisedBy?.reason)).toEqual(['modified_opinion', 'expired']);
      expect(await services.vendors.assess(OPERATOR, ...scope)).toEqual([]);
      expect((await services.risks.list(OPERATOR, ...scope)).risks).toHaveLength(2);
    });

    it('refuses a report mapping a CUEC to a control we do not hold, or whose period runs backwards, and keeps nothing', async () => {
      const { services, scope } = await world();
      const { code } = await services.vendors.create(OPERATOR, ...scope, vendor);
      const bad = { ...clean, periodStart: '2026-01-01', periodEnd: '2025-01-01', exceptions: 1, cuecs: [{ text: 'x', control: 'NOPE' }] };
      const refusal = await services.vendors.recordReport(OPERATOR, ...scope, code, bad).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).issues.map((i) => i.location)).toEqual(['$.periodStart', '$.cuecs[0].control']);
      const { vendors } = await services.vendors.list(OPERATOR, ...scope);
      expect(vendors[0]?.reports).toEqual([]);
      expect((await services.risks.list(OPERATOR, ...scope)).risks).toEqual([]);
      await expect(services.vendors.recordReport(OPERATOR, ...scope, 'V-404', clean)).rejects.toThrow(NotFoundError);
    });

    it('changes a vendor at its version only; readers cannot write', async () => {
      const { services, scope, member } = await world();
      await services.vendors.create(OPERATOR, ...scope, vendor);
      expect((await services.vendors.update(OPERATOR, ...scope, 'V-001', 1, { ...vendor, criticality: 'low' })).version).toBe(2);
      await expect(services.vendors.update(OPERATOR, ...scope, 'V-001', 1, vendor)).rejects.toThrow(ConflictError);
      const auditor = await member('auditor');
      expect((await services.vendors.list(auditor, ...scope)).vendors).toHaveLength(1);
      await expect(services.vendors.recordReport(auditor, ...scope, 'V-001', clean)).rejects.toThrow(ForbiddenError);
      await expect(services.vendors.create(auditor, ...scope, vendor)).rejects.toThrow(ForbiddenError);
    });
  });
}
