import { strToU8, unzipSync, zipSync } from 'fflate';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { ForbiddenError, NotFoundError } from '../../domain/index.js';
import { AlteredFileError, MANIFEST_PATH, bufferSource, packageIntact, parseManifest, verifyPackage } from '../../reports/package/index.js';
import { sha256Of } from '../../reports/package/manifest.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import type { EvidenceFile } from '../evidence/evidence-service.js';
import { OPERATOR } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';

function file(content: string | Uint8Array, overrides: Partial<EvidenceFile> = {}): EvidenceFile {
  return { content: Readable.from([Buffer.from(content)]), fileName: 'access-review.csv', mediaType: 'text/csv', controls: ['AC-04'], coversFrom: '2026-01-01', coversTo: '2026-03-31', source: 'upload', ...overrides };
}

async function bytesOf(content: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of content) chunks.push(chunk);
  return Buffer.concat(chunks);
}

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: the auditor's package`, () => {
    const store = useFreshStore(engine);

    async function world() {
      const w = await findingsWorld(store());
      const compliance = await w.member('compliance');
      const add = (files: EvidenceFile[]) => w.services.evidence.addAll(compliance, w.organizationId, w.engagementId, files);
      // An evidence file that is itself a zip: the package must still read as one package.
      const [review, exportZip, replaced, removed] = await add([
        file('user,removed\nana,2026-03-02\n'),
        file(zipSync({ 'inner/report.csv': strToU8('a,b\n1,2\n') }), { fileName: 'okta-export.zip', mediaType: 'application/zip', controls: ['AC-01', 'AC-04'] }),
        file('first version', { fileName: 'policy.txt', controls: ['AC-01'] }),
        file('withdrawn', { fileName: 'wrong.txt' }),
      ]);
      const { organizationId, engagementId } = w;
      const replacement = await w.services.evidence.supersede(compliance, organizationId, engagementId, replaced!.id, replaced!.version, { content: Readable.from([Buffer.from('second version')]), fileName: 'policy.txt' });
      await w.services.evidence.remove(compliance, organizationId, engagementId, removed!.id, removed!.version, 'uploaded to the wrong engagement');
      const exported = (actor = OPERATOR) => w.services.packages.export(actor, organizationId, engagementId);
      return { ...w, compliance, exported, standing: [review!, exportZip!, replacement] };
    }

    it('holds the workpapers, the examination and every evidence file that stands, and verifies intact', async () => {
      const { exported, member, standing, services, organizationId, engagementId } = await world();
      const pkg = await exported(await member('auditor'));
      const zip = await bytesOf(pkg.content);
      const entries = unzipSync(zip);
      expect(pkg.fileName).toMatch(/^acme-soc2-\d{4}-\d{2}-\d{2}-auditor-package\.zip$/);
      expect(Object.keys(entries).sort()).toEqual(
        [MANIFEST_PATH, 'workpapers.xlsx', 'examination.json', ...standing.map((r) => `evidence/${r.id}/${r.fileName}`)].sort(),
      );
      expect(new TextDecoder().decode(entries[`evidence/${standing[2]!.id}/policy.txt`])).toBe('second version');
      const examination = await services.examination.get(OPERATOR, organizationId, engagementId);
      expect(JSON.parse(new TextDecoder().decode(entries['examination.json']))).toEqual(JSON.parse(examination.json.toString('utf8')));

      const check = await verifyPackage(bufferSource(zip));
      expect(packageIntact(check)).toBe(true);
      expect(check.intact).toHaveLength(2 + standing.length);
      expect(parseManifest(entries[MANIFEST_PATH]!)).toEqual(pkg.manifest);
      expect(pkg.manifest.files.find((f) => f.evidence?.id === standing[1]!.id)).toMatchObject({ sha256: standing[1]!.sha256, size: standing[1]!.size, evidence: { controls: ['AC-01', 'AC-04'] } });
    });

    it("records the export with the manifest's hash, after the audit log head the manifest names", async () => {
      const { exported, events } = await world();
      const before = await createAuditRepository(store().db).head();
      const pkg = await exported();
      const zip = await bytesOf(pkg.content);
      expect(pkg.manifest.auditLogHead).toBe(`${before!.seq}:${before!.hash}`);
      const [event] = await events('package.exported');
      expect(event).toMatchObject({
        seq: before!.seq + 1,
        after: { manifestSha256: sha256Of(unzipSync(zip)[MANIFEST_PATH]!), auditLogHead: pkg.manifest.auditLogHead, files: 5, evidenceFiles: 3 },
      });
    });

    it('stops rather than ship evidence whose bytes in the store are no longer those its record names', async () => {
      const { exported, standing } = await world();
      await store().db.updateTable('evidence_blobs').set({ content: Buffer.from('user,removed\nana,2026-03-01\n') }).where('sha256', '=', standing[0]!.sha256).execute();
      const pkg = await exported();
      await expect(bytesOf(pkg.content)).rejects.toThrow(AlteredFileError);
      await expect(bytesOf((await exported()).content)).rejects.toThrow(`evidence/${standing[0]!.id}/access-review.csv: its bytes`);
    });

    it('is for the auditor and the programme: an owner or a viewer is refused, another organisation finds nothing', async () => {
      const { exported, member, services, engagementId } = await world();
      await expect(exported(await member('owner'))).rejects.toThrow(ForbiddenError);
      await expect(exported(await member('viewer'))).rejects.toThrow(ForbiddenError);
      await expect(exported(await member('compliance'))).resolves.toBeDefined();
      const other = await services.organizations.create(OPERATOR, { slug: `other-${engagementId.slice(0, 8)}`, name: 'Other' });
      await expect(services.packages.export(OPERATOR, other.id, engagementId)).rejects.toThrow(NotFoundError);
    });
  });
}
