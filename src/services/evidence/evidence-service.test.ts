import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../../test/support/engines.js';
import { unique } from '../../../test/support/factories.js';
import { createServices, defaultServiceDependencies } from '../index.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { findingsWorld, WHOLE_PAGE } from '../testing.js';
import type { EvidenceFile } from './evidence-service.js';

const bytes = (content: string) => Readable.from([Buffer.from(content)]);

function file(content: string, overrides: Partial<EvidenceFile> = {}): EvidenceFile {
  return { content: bytes(content), fileName: 'access-review.csv', mediaType: 'text/csv', controls: ['AC-04'], coversFrom: '2026-01-01', coversTo: '2026-03-31', source: 'upload', ...overrides };
}

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

for (const engine of ENGINES) {
  for (const home of ['database', 'folder'] as const) {
    describe.skipIf(skipEngine(engine))(`${engine}: the evidence store, bytes in the ${home}`, () => {
      const store = useFreshStore(engine);

      async function world(maxBytes = 1000) {
        const w = await findingsWorld(store());
        const blobDir = home === 'folder' ? await mkdtemp(join(tmpdir(), 'assay-blobs-')) : null;
        if (blobDir) folders.push(blobDir);
        const services = createServices(store(), { ...defaultServiceDependencies, evidence: { blobDir, maxBytes } });
        const { organizationId, engagementId } = w;
        const add = (actor: Actor, files: EvidenceFile[]) => services.evidence.addAll(actor, organizationId, engagementId, files);
        const list = (actor: Actor = OPERATOR, filters = {}) => services.evidence.list(actor, organizationId, engagementId, { ...WHOLE_PAGE, ...filters });
        const blobCount = async () =>
          blobDir
            ? (await readdir(blobDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length
            : (await store().db.selectFrom('evidence_blobs').select('sha256').execute()).length;
        return { ...w, services, blobDir, add, list, blobCount };
      }

      it('stores identical bytes once, a record for each file, with its controls, period and who collected it', async () => {
        const { services, organizationId, engagementId, member, add, list, blobCount, events } = await world();
        const compliance = await member('compliance');
        const [first, second] = await add(compliance, [file('user,reviewed\nann,yes\n'), file('user,reviewed\nann,yes\n', { fileName: 'copy.csv', controls: ['AC-01', 'AC-04'] })]);
        expect(first).toMatchObject({
          fileName: 'access-review.csv',
          mediaType: 'text/csv',
          size: 22,
          controls: ['AC-04'],
          coversFrom: '2026-01-01',
          coversTo: '2026-03-31',
          source: 'upload',
          collectedBy: `user:${(compliance as { email: string }).email}`,
          state: 'current',
          outsidePeriod: false,
          version: 1,
        });
        expect(first?.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(second?.sha256).toBe(first?.sha256);
        expect(second?.controls).toEqual(['AC-01', 'AC-04']);
        expect(await blobCount()).toBe(1);
        const opened = await services.evidence.open(await member('auditor'), organizationId, engagementId, first?.id as string);
        expect(await text(opened.content)).toBe('user,reviewed\nann,yes\n');
        expect((await list()).total).toBe(2);
        expect(await events('evidence.added')).toHaveLength(2);
        expect(await services.blobs.verify(first?.sha256 as string)).toBe('intact');
      });

      it('refuses a file over the limit with nothing written, no blob and no record, even after a file that fit', async () => {
        const { add, list, blobCount, events } = await world(10);
        await expect(add(OPERATOR, [file('small'), file('x'.repeat(11), { fileName: 'big.bin' })])).rejects.toMatchObject({ name: 'TooLargeError', limitBytes: 10 });
        expect(await blobCount()).toBe(0);
        expect((await list(OPERATOR, { state: 'all' })).total).toBe(0);
        expect(await events('evidence.added')).toHaveLength(0);
      });

      it('keeps bytes another record names when a later call fails', async () => {
        const { add, blobCount } = await world();
        await add(OPERATOR, [file('kept')]);
        await expect(add(OPERATOR, [file('kept'), file('other', { controls: ['NOPE-1'] })])).rejects.toMatchObject({
          name: 'ValidationError',
          issues: [{ location: '$.controls[0]', message: 'the engagement has no control NOPE-1 in use' }],
        });
        expect(await blobCount()).toBe(1);
      });

      it('keeps bytes stored before that no record names now (a purged engagement keeps them) when a later call fails', async () => {
        const { services, add, blobCount } = await world(10);
        const kept = await services.blobs.put(bytes('kept'));
        expect(kept.added).toBe(true);
        expect((await services.blobs.put(bytes('kept'))).added).toBe(false);
        await expect(add(OPERATOR, [file('kept'), file('x'.repeat(11), { fileName: 'big.bin' })])).rejects.toMatchObject({ name: 'TooLargeError' });
        expect(await blobCount()).toBe(1);
        expect(await services.blobs.verify(kept.sha256)).toBe('intact');
      });

      it('names the field of a bad description and stores nothing', async () => {
        const { add, blobCount } = await world();
        await expect(add(OPERATOR, [file('a'), file('b', { fileName: '../etc/passwd', coversFrom: '2026-05-01', coversTo: '2026-04-01' })])).rejects.toMatchObject({
          issues: [
            { location: '$.files[1].fileName', message: 'a file name without folders or control characters' },
            { location: '$.files[1].coversFrom', message: 'the evidence covers from 2026-05-01, after 2026-04-01, where it ends' },
          ],
        });
        expect(await blobCount()).toBe(0);
      });

      it('lets an owner provide evidence for its own controls only, and never the auditor or a viewer', async () => {
        const { add, member } = await world();
        const owner = await member('owner', 'it-ops@acme.example');
        await expect(add(owner, [file('mine')])).resolves.toHaveLength(1);
        const stranger = await member('owner');
        await expect(add(stranger, [file('not mine')])).rejects.toMatchObject({ name: 'ForbiddenError' });
        await expect(add(owner, [file('no control', { controls: [] })])).rejects.toMatchObject({ name: 'ForbiddenError' });
        for (const role of ['auditor', 'viewer'] as const) await expect(add(await member(role), [file('x')])).rejects.toMatchObject({ name: 'ForbiddenError' });
      });

      it('flags evidence dated outside the period and filters by control and by period', async () => {
        const { add, list } = await world();
        const [inside, outside] = await add(OPERATOR, [file('q1'), file('2025', { coversFrom: '2025-10-01', coversTo: '2026-01-15', controls: ['AC-01'] })]);
        expect(outside?.outsidePeriod).toBe(true);
        expect(inside?.outsidePeriod).toBe(false);
        expect((await list(OPERATOR, { control: 'AC-01' })).items.map((e) => e.id)).toEqual([outside?.id]);
        expect((await list(OPERATOR, { from: '2026-04-01' })).items).toEqual([]);
        expect((await list(OPERATOR, { from: '2026-03-01', to: '2026-03-31' })).items.map((e) => e.id)).toEqual([inside?.id]);
      });

      it('supersedes a record with a new one, never editing it, and refuses a stale version', async () => {
        const { services, organizationId, engagementId, add, list, events } = await world();
        const [old] = await add(OPERATOR, [file('v1')]);
        const id = old?.id as string;
        const replacement = await services.evidence.supersede(OPERATOR, organizationId, engagementId, id, 1, { content: bytes('v2'), fileName: 'access-review-v2.csv' });
        expect(replacement).toMatchObject({ fileName: 'access-review-v2.csv', controls: ['AC-04'], coversFrom: '2026-01-01', state: 'current' });
        const before = await services.evidence.get(OPERATOR, organizationId, engagementId, id);
        expect(before).toMatchObject({ sha256: old?.sha256, fileName: 'access-review.csv', supersededBy: replacement.id, state: 'superseded', version: 2 });
        expect((await list()).items.map((e) => e.id)).toEqual([replacement.id]);
        await expect(services.evidence.supersede(OPERATOR, organizationId, engagementId, id, 1, { content: bytes('v3'), fileName: 'v3.csv' })).rejects.toMatchObject({ name: 'ConflictError' });
        expect(await events('evidence.superseded')).toEqual([expect.objectContaining({ before: old, after: replacement })]);
      });

      it('deletes with a marker that keeps the hash and the bytes, and no longer hands them out', async () => {
        const { services, organizationId, engagementId, add, list, events, blobCount, member } = await world();
        const [record] = await add(OPERATOR, [file('mistake')]);
        const id = record?.id as string;
        await expect(services.evidence.remove(await member('auditor'), organizationId, engagementId, id, 1, 'no')).rejects.toMatchObject({ name: 'ForbiddenError' });
        const removed = await services.evidence.remove(OPERATOR, organizationId, engagementId, id, 1, 'Uploaded to the wrong engagement');
        expect(removed).toMatchObject({ state: 'deleted', sha256: record?.sha256, deletionReason: 'Uploaded to the wrong engagement', deletedBy: 'operator:cli' });
        expect((await list()).total).toBe(0);
        expect((await list(OPERATOR, { state: 'deleted' })).items.map((e) => e.id)).toEqual([id]);
        await expect(services.evidence.open(OPERATOR, organizationId, engagementId, id)).rejects.toMatchObject({ name: 'NotFoundError' });
        expect(await blobCount()).toBe(1);
        expect(await events('evidence.removed')).toEqual([expect.objectContaining({ after: { sha256: record?.sha256, reason: 'Uploaded to the wrong engagement' } })]);
      });

      it('tells another organisation nothing', async () => {
        const { services, add, engagementId } = await world();
        const [record] = await add(OPERATOR, [file('secret')]);
        const other = await services.organizations.create(OPERATOR, { slug: unique('other'), name: 'Other' });
        await expect(services.evidence.get(OPERATOR, other.id, engagementId, record?.id as string)).rejects.toMatchObject({ name: 'NotFoundError' });
      });

      it('finds bytes altered or gone when it verifies them', async () => {
        const { services, add, blobDir } = await world();
        const [record] = await add(OPERATOR, [file('original')]);
        const sha256 = record?.sha256 as string;
        if (blobDir) await writeFile(join(blobDir, sha256.slice(0, 2), sha256), 'tampered');
        else await store().db.updateTable('evidence_blobs').set({ content: Buffer.from('tampered') }).where('sha256', '=', sha256).execute();
        expect(await services.blobs.verify(sha256)).toBe('altered');
        expect(await services.blobs.verify('0'.repeat(64))).toBe('missing');
        expect(await services.blobs.has('../../etc/passwd')).toBe(false);
      });
    });
  }
}
