import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine, useFreshStore } from '../../test/support/engines.js';
import { ForbiddenError } from '../domain/index.js';
import { OPERATOR } from './actor.js';
import { createServices } from './index.js';

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: integrity service`, () => {
    const store = useFreshStore(engine);

    it('verifies the audit chain and names the first event that was altered', async () => {
      const services = createServices(store());
      await services.organizations.create(OPERATOR, { slug: 'a-org', name: 'A' });
      const b = await services.organizations.create(OPERATOR, { slug: 'b-org', name: 'B' });
      await services.organizations.create(OPERATOR, { slug: 'c-org', name: 'C' });
      expect(await services.integrity.verifyAuditChain(OPERATOR)).toEqual({ events: 3, firstBreak: null });
      await store().db.updateTable('audit_events').set({ after: '{"name":"Quietly renamed"}' }).where('subject', '=', `organization:${b.id}`).execute();
      const report = await services.integrity.verifyAuditChain(OPERATOR);
      expect(report).toMatchObject({ events: 3, firstBreak: { reason: 'altered', type: 'organization.created', subject: `organization:${b.id}` } });
      await expect(services.integrity.verifyAuditChain({ kind: 'token', tokenId: 't', organizationId: b.id, role: 'admin', name: 'x', userId: 'u', email: 'x@b.example', creatorRole: 'admin' })).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
}
