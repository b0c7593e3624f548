import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { unique } from '../../../test/support/factories.js';
import { readCheckFiles } from '../../workspace/checks.js';
import { loadFindings } from '../../workspace/findings.js';
import { loadWorkspace } from '../../workspace/load.js';
import { createServices } from '../index.js';
import { OPERATOR } from '../platform/actor.js';

const DEMO = 'examples/acme';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: checks in the workspace import and export`, () => {
    const store = useFreshStore(engine);

    it('imports the checks as written, exports them back, and retires (never deletes) one the workspace drops', async () => {
      const services = createServices(store());
      const examination = await loadWorkspace(DEMO);
      const content = { ...examination, ...(await loadFindings(DEMO, examination)), checkFiles: await readCheckFiles(DEMO) };
      expect(content.checkFiles.map((c) => c.checkId)).toContain('MON-AC-04');
      const slug = unique('acme');
      const { organization, engagement } = await services.workspace.importWorkspace(OPERATOR, content, { organizationSlug: slug });
      const listed = await services.checks.list(OPERATOR, organization.id, engagement.id);
      expect(listed.map((c) => c.id)).toEqual(content.checkFiles.map((c) => c.checkId).sort());
      expect(listed.find((c) => c.id === 'MON-AC-04')?.sources.map((s) => [s.name, s.format])).toEqual([['hr', 'hr-csv'], ['idp', 'okta-users']]);

      const exported = await services.workspace.exportWorkspace(OPERATOR, organization.id, engagement.id);
      expect(new Map(exported.checkFiles.map((c) => [c.fileName, c.definition]))).toEqual(new Map(content.checkFiles.map((c) => [c.fileName, c.definition])));

      // A run of the dropped check stays on record after it is retired.
      const dropped = content.checkFiles.find((c) => c.checkId === 'MON-AC-04');
      await services.checks.schedule(OPERATOR, organization.id, engagement.id, 'MON-AC-04', '0 6 * * *');
      await services.workspace.importWorkspace(OPERATOR, { ...content, checkFiles: content.checkFiles.filter((c) => c !== dropped) }, { organizationSlug: slug, engagementName: engagement.name });
      expect((await services.checks.list(OPERATOR, organization.id, engagement.id)).map((c) => c.id)).not.toContain('MON-AC-04');
      const rows = await store().db.selectFrom('checks').select(['check_id', 'retired_at']).where('engagement_id', '=', engagement.id).where('check_id', '=', 'MON-AC-04').execute();
      expect(rows).toEqual([{ check_id: 'MON-AC-04', retired_at: expect.any(String) }]);
      // Brought back, it is the same check again.
      await services.workspace.importWorkspace(OPERATOR, content, { organizationSlug: slug, engagementName: engagement.name });
      expect((await services.checks.get(OPERATOR, organization.id, engagement.id, 'MON-AC-04')).schedule?.schedule).toBe('0 6 * * *');
    });
  });
}
