import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/index.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';

const text = {
  whatHappened: 'One leaver kept access for a week.',
  rootCause: 'HR raised the ticket by hand.',
  correctiveAction: 'Deprovisioning is automated.',
  remediatedOn: '2026-08-20',
};

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: management responses service`, () => {
    const store = useFreshStore(engine);

    async function world() {
      const w = await findingsWorld(store());
      await w.services.findings.create(OPERATOR, w.organizationId, w.engagementId, { source: 'deficiency', control: 'AC-04' });
      const responses = w.services.managementResponses;
      return { ...w, responses, scope: [w.organizationId, w.engagementId] as const };
    }

    it('drafts from the finding, edits, and is approved by a second person only', async () => {
      const { services, responses, scope, member, events } = await world();
      const [organizationId, engagementId] = scope;
      const writer = await member('compliance', 'writer@acme.example');
      const approver = await member('admin', 'approver@acme.example');
      expect(await responses.get(writer, ...scope, 'F-AC-04')).toBeNull();
      await expect(responses.get(writer, ...scope, 'F-NONE')).rejects.toThrow(NotFoundError);

      await services.findings.setRootCause(writer, organizationId, engagementId, 'F-AC-04', 1, {
        id: 'RC-1',
        title: 'Offboarding depends on a manual ticket',
        category: 'process',
        whys: ['Access was removed late', 'IT waits for a ticket HR raises by hand'],
      });
      const drafted = await responses.draft(writer, ...scope, 'F-AC-04');
      expect(drafted).toMatchObject({ finding: 'F-AC-04', status: 'draft', editedBy: 'writer@acme.example', approvedBy: null, remediatedOn: null, version: 1 });
      expect(drafted.whatHappened).toContain('T-0003');
      expect(drafted.rootCause).toBe('Offboarding depends on a manual ticket (process). Access was removed late. IT waits for a ticket HR raises by hand.');
      expect(drafted.correctiveAction).toBe('Corrective actions are being planned.');
      expect(await responses.get(writer, ...scope, 'F-AC-04')).toEqual(drafted);

      // Four eyes: the person who wrote it cannot approve it.
      await expect(responses.approve(writer, ...scope, 'F-AC-04', 1)).rejects.toThrow(/writer@acme.example last edited it/);
      const approved = await responses.approve(approver, ...scope, 'F-AC-04', 1);
      expect(approved).toMatchObject({ status: 'approved', approvedBy: 'approver@acme.example', version: 2 });
      await expect(responses.approve(approver, ...scope, 'F-AC-04', 2)).rejects.toThrow(/already approved/);

      // Edited after approval: a draft again, its approval gone; the editor is now the one who cannot approve.
      const edited = await responses.edit(approver, ...scope, 'F-AC-04', 2, text);
      expect(edited).toMatchObject({ ...text, status: 'draft', editedBy: 'approver@acme.example', approvedBy: null, approvedOn: null, version: 3 });
      await expect(responses.approve(approver, ...scope, 'F-AC-04', 3)).rejects.toThrow(ConflictError);
      expect((await responses.approve(writer, ...scope, 'F-AC-04', 3)).status).toBe('approved');

      // Redrafting needs the version of the response it replaces, and returns it to draft.
      await expect(responses.draft(writer, ...scope, 'F-AC-04')).rejects.toMatchObject({ issues: [{ location: '$.version' }] });
      await expect(responses.draft(writer, ...scope, 'F-AC-04', 3)).rejects.toThrow(/version 4/);
      const redrafted = await responses.draft(writer, ...scope, 'F-AC-04', 4);
      expect(redrafted).toMatchObject({ status: 'draft', rootCause: drafted.rootCause, remediatedOn: null, version: 5 });

      expect(await events('management_response.drafted')).toHaveLength(2);
      expect(await events('management_response.edited')).toHaveLength(1);
      const approvals = await events('management_response.approved');
      expect(approvals).toHaveLength(2);
      expect(approvals[0]).toMatchObject({ actor: 'user:writer@acme.example', before: { status: 'draft' }, after: { status: 'approved' } });
    });

    it('lets an owner write the responses of its own controls only, never the auditor, and approve only the leads', async () => {
      const { services, responses, scope, member } = await world();
      const [organizationId, engagementId] = scope;
      const owner = await member('owner', 'it-ops@acme.example');
      const auditor = await member('auditor');
      const viewer = await member('viewer');
      const gap = await services.findings.create(OPERATOR, organizationId, engagementId, {
        source: 'auditor_observation',
        title: 'No incident drill',
        criteria: ['CC7.4'],
        kind: 'design',
        severity: 'deficiency',
      });

      expect((await responses.draft(owner, ...scope, 'F-AC-04')).editedBy).toBe('it-ops@acme.example');
      await expect(responses.draft(owner, ...scope, gap.code)).rejects.toThrow(ForbiddenError);
      await expect(responses.draft(auditor, ...scope, gap.code)).rejects.toThrow(ForbiddenError);
      await expect(responses.edit(auditor, ...scope, 'F-AC-04', 1, text)).rejects.toThrow(ForbiddenError);
      await expect(responses.approve(owner, ...scope, 'F-AC-04', 1)).rejects.toThrow(ForbiddenError);
      await expect(responses.approve(auditor, ...scope, 'F-AC-04', 1)).rejects.toThrow(ForbiddenError);
      // Everyone who reads findings reads the response.
      expect((await responses.get(viewer, ...scope, 'F-AC-04'))?.version).toBe(1);
      await expect(responses.edit(owner, ...scope, gap.code, 1, text)).rejects.toThrow(ForbiddenError);
      await expect(responses.draft(owner, ...scope, 'F-NONE')).rejects.toThrow(/Finding F-NONE was not found/);
    });
  });
}
