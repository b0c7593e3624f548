import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { defaultServiceDependencies } from '../../../services/index.js';
import { useTestApp, type Caller } from '../../testing.js';
import { auditEvents, base, seedControl, seedEngagement } from '../testing.js';

const BOUNDARY = 'assay-test-boundary';

/** A multipart form: fields first, then files, as a browser sends an upload. */
function form(fields: [string, string][], files: { name: string; type?: string; content: string | Buffer }[]) {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/plain'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const LIMIT = 64;

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: evidence API`, () => {
    const t = useTestApp(engine, { evidence: { blobDir: null, maxBytes: LIMIT } });

    async function engagementWithControl() {
      const engagement = await seedEngagement(t());
      await seedControl(t(), engagement.id, { id: 'AC-04' });
      return { url: `${base(t())}/engagements/${engagement.id}/evidence`, engagementId: engagement.id };
    }

    const upload = (caller: Caller, url: string, fields: [string, string][], files: Parameters<typeof form>[1]) => caller.request({ method: 'POST', url, ...form(fields, files) });
    const blobs = async () => (await t().store.db.selectFrom('evidence_blobs').select('sha256').execute()).length;
    const records = async () => (await t().store.db.selectFrom('evidence').select('id').execute()).length;

    it('uploads several files at once, stores identical bytes once, lists them and downloads one as an attachment', async () => {
      const { url } = await engagementWithControl();
      const compliance = await t().member('compliance');
      const uploaded = await upload(compliance, url, [['controls', 'AC-04'], ['coversFrom', '2026-01-01'], ['coversTo', '2026-01-31']], [
        { name: 'revue d’accès.csv', type: 'text/csv', content: 'a,b\n1,2\n' },
        { name: 'copy.csv', type: 'text/csv', content: 'a,b\n1,2\n' },
      ]);
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      const [first, second] = uploaded.json().evidence;
      expect(first).toMatchObject({ fileName: 'revue d’accès.csv', controls: ['AC-04'], coversFrom: '2026-01-01', size: 8, source: 'upload', outsidePeriod: false });
      expect(second.sha256).toBe(first.sha256);
      expect(await blobs()).toBe(1);

      const viewer = await t().member('viewer');
      const listed = (await viewer.request({ method: 'GET', url: `${url}?control=AC-04` })).json();
      expect(listed).toMatchObject({ total: 2, limit: 50, offset: 0 });

      const download = await viewer.request({ method: 'GET', url: `${url}/${first.id}/content` });
      expect(download.statusCode).toBe(200);
      expect(download.body).toBe('a,b\n1,2\n');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="revue d_acc_s.csv"; filename*=UTF-8''revue%20d%E2%80%99acc%C3%A8s.csv`);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers['content-type']).toMatch(/^text\/csv/);
    });

    it('refuses a file over the limit with 413 and writes nothing, not even the file before it', async () => {
      const { url } = await engagementWithControl();
      const admin = await t().member('admin');
      const refused = await upload(admin, url, [['controls', 'AC-04']], [
        { name: 'fits.txt', content: 'small' },
        { name: 'big.bin', type: 'application/octet-stream', content: Buffer.alloc(LIMIT + 1, 1) },
      ]);
      expect(refused.statusCode).toBe(413);
      expect(refused.json()).toMatchObject({ status: 413, detail: `The file is larger than the ${LIMIT} bytes allowed` });
      expect(await blobs()).toBe(0);
      expect(await records()).toBe(0);
      expect(await auditEvents(t(), 'evidence.added')).toHaveLength(0);
      // A file of exactly the limit fits.
      expect((await upload(admin, url, [['controls', 'AC-04']], [{ name: 'exact.bin', content: Buffer.alloc(LIMIT, 2) }])).statusCode).toBe(201);
    });

    it('names the field of bad input: an unknown field, a control the engagement lacks, a bad date, no file', async () => {
      const { url } = await engagementWithControl();
      const admin = await t().member('admin');
      for (const [fields, location] of [
        [[['colour', 'red']], 'form.colour'],
        [[['controls', 'ZZ-1']], '$.controls[0]'],
        [[['coversFrom', '2026-02-30']], '$.files[0].coversFrom'],
      ] as [[string, string][], string][]) {
        const refused = await upload(admin, url, fields, [{ name: 'a.txt', content: 'a' }]);
        expect(refused.statusCode, refused.body).toBe(422);
        expect(refused.json().issues[0].location).toBe(location);
      }
      const empty = await upload(admin, url, [['controls', 'AC-04']], []);
      expect(empty.statusCode).toBe(422);
      expect(await records()).toBe(0);
    });

    it('supersedes and deletes at the record’s version, keeping both on record', async () => {
      const { url } = await engagementWithControl();
      const compliance = await t().member('compliance');
      const [record] = (await upload(compliance, url, [['controls', 'AC-04']], [{ name: 'v1.txt', content: 'one' }])).json().evidence;
      const superseded = await upload(compliance, `${url}/${record.id}/supersede`, [['version', '1']], [{ name: 'v2.txt', content: 'two' }]);
      expect(superseded.statusCode, superseded.body).toBe(201);
      expect(superseded.json()).toMatchObject({ fileName: 'v2.txt', controls: ['AC-04'] });
      const stale = await upload(compliance, `${url}/${record.id}/supersede`, [['version', '1']], [{ name: 'v3.txt', content: 'three' }]);
      expect(stale.statusCode).toBe(409);

      const auditor = await t().member('auditor');
      const replacement = superseded.json();
      expect((await auditor.request({ method: 'DELETE', url: `${url}/${replacement.id}?version=1&reason=wrong` })).statusCode).toBe(403);
      const deleted = await compliance.request({ method: 'DELETE', url: `${url}/${replacement.id}?version=1&reason=${encodeURIComponent('Wrong engagement')}` });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toMatchObject({ state: 'deleted', deletionReason: 'Wrong engagement', sha256: replacement.sha256 });
      expect((await auditor.request({ method: 'GET', url: `${url}/${replacement.id}/content` })).statusCode).toBe(404);
      const all = (await auditor.request({ method: 'GET', url: `${url}?state=all` })).json();
      expect(all.items.map((e: { state: string }) => e.state).sort()).toEqual(['deleted', 'superseded']);
    });

    it('tells another organisation nothing of the evidence', async () => {
      const { url } = await engagementWithControl();
      const [record] = (await upload(await t().member('admin'), url, [['controls', 'AC-04']], [{ name: 'secret.txt', content: 'secret' }])).json().evidence;
      const outsider = await t().outsider();
      for (const path of [url, `${url}/${record.id}`, `${url}/${record.id}/content`]) {
        const response = await outsider.request({ method: 'GET', url: path });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('secret');
      }
    });
  });
}

describe('evidence limits from the environment', () => {
  it('reads ASSAY_EVIDENCE_MAX_BYTES and refuses what is not a whole number', async () => {
    const { evidenceSettingsFrom } = await import('../../../services/evidence/index.js');
    expect(evidenceSettingsFrom({ ASSAY_EVIDENCE_MAX_BYTES: '1000', ASSAY_BLOB_DIR: '/srv/blobs' })).toEqual({ maxBytes: 1000, blobDir: '/srv/blobs' });
    expect(evidenceSettingsFrom({})).toEqual({ maxBytes: 50 * 1024 * 1024, blobDir: null });
    expect(() => evidenceSettingsFrom({ ASSAY_EVIDENCE_MAX_BYTES: '50MB' })).toThrow(/whole number of bytes/);
    expect(defaultServiceDependencies.evidence).toBeUndefined();
  });
});
