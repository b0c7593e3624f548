import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ValidationError } from '../../domain/index.js';
import { loadWorkspaceContent } from '../../workspace/content.js';
import { OPERATOR } from '../platform/actor.js';
import { createServices } from '../index.js';

const ACME = join(import.meta.dirname, '../../../examples/acme');

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: a workspace's description, risks and vendors over an engagement that has them`, () => {
    const store = useFreshStore(engine);

    async function imported() {
      const services = createServices(store());
      const content = await loadWorkspaceContent(ACME);
      const first = await services.workspace.importWorkspace(OPERATOR, content, { organizationSlug: 'acme' });
      const at = [OPERATOR, first.organization.id, first.engagement.id] as const;
      const events = async (type: 'description.updated' | 'risk.updated' | 'vendor.updated') =>
        (await services.auditEvents.list(OPERATOR, first.organization.id, { limit: 100, offset: 0, type })).items;
      return { services, content, first, at, events };
    }

    it('records them with the import, each raised risk linked to its report, and the same workspace again changes nothing', async () => {
      const { services, content, first, at, events } = await imported();
      expect(first.counts).toMatchObject({ description: true, risks: 4, vendors: 2, vendorReports: 2 });
      expect(await services.description.get(...at)).toMatchObject({ recorded: true, version: 1, warnings: [] });
      const { risks } = await services.risks.list(...at);
      expect(risks.map((r) => r.code)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005']);
      const reports = (await services.vendors.list(...at)).vendors.flatMap((v) => v.reports);
      expect(risks.find((r) => r.code === 'R-005')?.raisedBy).toEqual({ vendor: 'V-002', report: reports[1]?.id, reason: 'exceptions' });

      const again = await services.workspace.importWorkspace(OPERATOR, content, { organizationSlug: 'acme' });
      expect(again.counts.vendorReports).toBe(0);
      expect(again.notes).toEqual([]);
      expect((await services.description.get(...at)).version).toBe(1);
      expect((await services.risks.list(...at)).risks.map((r) => [r.code, r.version])).toEqual(risks.map((r) => [r.code, r.version]));
      expect(await events('risk.updated')).toEqual([]);
    });

    it('makes the workspace’s description the next version and changes a risk and a vendor at their versions, each audited with what it replaces', async () => {
      const { services, content, at, events } = await imported();
      const edited = await services.description.get(...at);
      await services.description.update(...at, edited.version, { ...edited.description, services: 'Typed in the app' });
      const [r1] = content.register?.risks ?? [];
      const [v1, v2] = content.register?.vendors ?? [];
      const changed = {
        ...content,
        register: { risks: [{ ...r1!, likelihood: 5 }], vendors: [{ ...v1!, vendor: { ...v1!.vendor, criticality: 'high' as const } }, v2!] },
      };
      const result = await services.workspace.importWorkspace(OPERATOR, changed, { organizationSlug: 'acme' });

      const view = await services.description.get(...at);
      expect(view).toMatchObject({ version: 3, description: content.description });
      const [replaced] = await events('description.updated');
      expect(replaced?.before).toMatchObject({ version: 2, description: { services: 'Typed in the app' } });
      expect(result.notes).toContain('The system description is the workspace\'s now (version 3); version 2, which it replaces, is kept in the audit log.');

      const risks = (await services.risks.list(...at)).risks;
      expect(risks.find((r) => r.code === 'R-001')).toMatchObject({ likelihood: 5, version: 2 });
      // Risks the workspace no longer lists stay: R-005 follows from PayRight's report, so only the others are news.
      expect(risks.map((r) => r.code)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005']);
      expect(result.notes).toContain('3 risks of the engagement the workspace does not list were kept: R-002, R-003, R-004.');
      expect((await events('risk.updated')).map((e) => e.subject)).toEqual([expect.stringMatching(/\/R-001$/)]);
      expect((await services.vendors.list(...at)).vendors.map((v) => [v.code, v.criticality, v.version])).toEqual([['V-001', 'high', 2], ['V-002', 'medium', 1]]);
      expect(await events('vendor.updated')).toHaveLength(1);
    });

    it('keeps the recorded description when the workspace has none, and says so', async () => {
      const { services, content, at } = await imported();
      const without = { ...content, description: undefined };
      const result = await services.workspace.importWorkspace(OPERATOR, without, { organizationSlug: 'acme' });
      expect(result.notes).toContain('The workspace has no description.yaml: the engagement\'s system description (version 1) was kept.');
      expect(await services.description.get(...at)).toMatchObject({ recorded: true, version: 1, description: content.description });
    });

    it('refuses a workspace that drops or changes a recorded vendor report, writing nothing, and records one it adds', async () => {
      const { services, content, at } = await imported();
      const [v1, v2] = content.register?.vendors ?? [];
      const before = { risks: await services.risks.list(...at), vendors: await services.vendors.list(...at), description: await services.description.get(...at) };
      const changedReport = { ...v2!, reports: [{ ...v2!.reports[0]!, exceptions: 0 }] };
      const edited = { ...content, description: { ...content.description!, services: 'Changed' }, register: { risks: content.register!.risks, vendors: [v1!, changedReport] } };
      const refused = services.workspace.importWorkspace(OPERATOR, edited, { organizationSlug: 'acme' });
      await expect(refused).rejects.toThrow(ConflictError);
      await expect(services.workspace.importWorkspace(OPERATOR, edited, { organizationSlug: 'acme' })).rejects.toThrow(/V-002's report for 2025-01-01 to 2025-12-31 \(recorded .+\)/);
      expect({ risks: await services.risks.list(...at), vendors: await services.vendors.list(...at), description: await services.description.get(...at) }).toEqual(before);

      // A newer report with a modified opinion is added, and raises its risk.
      const newer = { periodStart: '2026-01-01', periodEnd: '2026-06-30', opinion: 'qualified' as const, exceptions: 0, cuecs: [] };
      const added = { ...content, register: { risks: content.register!.risks, vendors: [v1!, { ...v2!, reports: [...v2!.reports, newer] }] } };
      const result = await services.workspace.importWorkspace(OPERATOR, added, { organizationSlug: 'acme' });
      expect(result.counts.vendorReports).toBe(1);
      const payright = (await services.vendors.list(...at)).vendors.find((v) => v.code === 'V-002');
      expect(payright?.reports.map((r) => r.opinion)).toEqual(['unmodified', 'qualified']);
      expect(payright?.risks).toEqual(['R-005', 'R-006']);
    });

    it('refuses a risk raised by a report the workspace does not list, at its JSON path, writing nothing', async () => {
      const services = createServices(store());
      const content = await loadWorkspaceContent(ACME);
      const [r1, ...rest] = content.register!.risks;
      const dangling = { ...content, register: { ...content.register!, risks: [{ ...r1!, raisedBy: { vendor: 'V-002', report: 3, reason: 'expired' as const } }, ...rest] } };
      const refused = services.workspace.importWorkspace(OPERATOR, dangling, { organizationSlug: 'acme' });
      await expect(refused).rejects.toThrow(ValidationError);
      await expect(refused).rejects.toMatchObject({ issues: [{ location: '$.register.risks[0].raisedBy', message: 'V-002 has no report 3 in the workspace' }] });
      expect(await store().db.selectFrom('organizations').select('slug').execute()).toEqual([]);
    });
  });
}
