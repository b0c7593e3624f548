import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { useTestApp, type Caller } from '../../testing.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: an organisation's locale`, () => {
    const t = useTestApp(engine);
    const url = () => `/api/v1/organizations/${t().organizationId}`;
    const read = async (caller: Caller) => (await caller.request({ method: 'GET', url: url() })).json() as { version: number; locale: string };

    it('writes dates day first until its admin chooses, then in the chosen locale for every member, audited', async () => {
      const admin = await t().member('admin');
      const viewer = await t().member('viewer');
      const before = await read(viewer);
      expect(before.locale).toBe('en-GB');

      const changed = await admin.request({ method: 'PATCH', url: url(), payload: { version: before.version, locale: 'en-US' } });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ locale: 'en-US', version: before.version + 1 });
      expect((await read(viewer)).locale).toBe('en-US');
      const listed = (await viewer.request({ method: 'GET', url: '/api/v1/organizations' })).json() as { items: { locale: string }[] };
      expect(listed.items.map((o) => o.locale)).toEqual(['en-US']);

      const event = await t().store.db.selectFrom('audit_events').select(['before', 'after']).where('type', '=', 'organization.updated').executeTakeFirstOrThrow();
      expect(JSON.parse(String(event.before))).toMatchObject({ locale: 'en-GB' });
      expect(JSON.parse(String(event.after))).toMatchObject({ locale: 'en-US' });
    });

    it('refuses a locale it does not know, naming the field, and anyone but an admin', async () => {
      const admin = await t().member('admin');
      const { version } = await read(admin);
      const unknown = await admin.request({ method: 'PATCH', url: url(), payload: { version, locale: 'xx-YY' } });
      expect(unknown.statusCode).toBe(400);
      expect(JSON.stringify(unknown.json())).toContain('$.locale');

      const compliance = await t().member('compliance');
      const refused = await compliance.request({ method: 'PATCH', url: url(), payload: { version, locale: 'de-DE' } });
      expect(refused.statusCode).toBe(403);
      expect((await read(admin))).toMatchObject({ locale: 'en-GB', version });
    });
  });
}
