import { unzipSync } from 'fflate';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { MAX_PACKAGES_PER_MINUTE } from '../../../domain/limits.js';
import { bufferSource, MANIFEST_PATH, packageIntact, verifyPackage } from '../../../reports/package/index.js';
import { OPERATOR } from '../../../services/platform/actor.js';
import { loadWorkspace } from '../../../workspace/load.js';
import type { TestApp } from '../../testing.js';
import { useTestApp } from '../../testing.js';

const ACME = join(import.meta.dirname, '../../../../examples/acme');

/** examples/acme imported into the test app's organisation, with one evidence file for AC-04. */
async function engagementWithEvidence(t: TestApp) {
  const { slug } = await t.store.db.selectFrom('organizations').select('slug').where('id', '=', t.organizationId).executeTakeFirstOrThrow();
  const { engagement } = await t.services.workspace.importWorkspace(OPERATOR, await loadWorkspace(ACME), { organizationSlug: slug });
  await t.services.evidence.add(OPERATOR, t.organizationId, engagement.id, {
    content: Readable.from([Buffer.from('user,removed\nana,2026-03-02\n')]),
    fileName: 'leavers.csv',
    mediaType: 'text/csv',
    controls: ['AC-04'],
    source: 'upload',
  });
  return `/api/v1/organizations/${t.organizationId}/engagements/${engagement.id}/reports/package`;
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the auditor's package API`, () => {
    const t = useTestApp(engine);

    it('hands the auditor a zip download that verifies intact', async () => {
      const url = await engagementWithEvidence(t());
      const auditor = await t().member('auditor');
      const response = await auditor.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-soc2-2026-06-30-auditor-package\.zip"$/);
      const zip = response.rawPayload;
      expect(packageIntact(await verifyPackage(bufferSource(zip)))).toBe(true);
      expect(Object.keys(unzipSync(zip))).toEqual(expect.arrayContaining([MANIFEST_PATH, 'workpapers.xlsx', 'examination.json', expect.stringMatching(/^evidence\/[^/]+\/leavers\.csv$/)]));
    });

    it("refuses a viewer, an owner and an anonymous caller; another organisation's member finds nothing", async () => {
      const url = await engagementWithEvidence(t());
      for (const role of ['viewer', 'owner'] as const) expect((await (await t().member(role)).request({ method: 'GET', url })).statusCode).toBe(403);
      expect((await (await t().member('compliance')).request({ method: 'GET', url })).statusCode).toBe(200);
      expect((await t().anonymous.request({ method: 'GET', url })).statusCode).toBe(401);
      expect((await (await t().outsider()).request({ method: 'GET', url })).statusCode).toBe(404);
    });

    it('refuses a client past the packages a minute allows with 429, before making one', async () => {
      const url = await engagementWithEvidence(t());
      const auditor = await t().member('auditor');
      const statuses: number[] = [];
      for (let i = 0; i <= MAX_PACKAGES_PER_MINUTE; i++) statuses.push((await auditor.request({ method: 'GET', url })).statusCode);
      expect(statuses).toEqual([...Array<number>(MAX_PACKAGES_PER_MINUTE).fill(200), 429]);
      const exported = await t().store.db.selectFrom('audit_events').select('seq').where('type', '=', 'package.exported').execute();
      expect(exported).toHaveLength(MAX_PACKAGES_PER_MINUTE);
    });

    it('is declared in the OpenAPI document as a zip, for signed-in callers', async () => {
      const doc = (await t().anonymous.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> }>>;
      };
      const operation = doc.paths['/api/v1/organizations/{organizationId}/engagements/{engagementId}/reports/package']?.get;
      expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['application/zip']);
      expect(operation?.security).not.toEqual([]);
    });
  });
}
