import { describe, expect, it } from 'vitest';
import { ENGINES, skipEngine } from '../../../../test/support/engines.js';
import { isoDate, addDays } from '../../../domain/index.js';
import { useTestApp } from '../../testing.js';
import { auditEvents, base, seedControl, seedEngagement } from '../testing.js';

const today = isoDate(new Date());

for (const engine of ENGINES) {
  describe.skipIf(skipEngine(engine))(`${engine}: evidence requests API`, () => {
    const t = useTestApp(engine);

    async function engagement() {
      const created = await seedEngagement(t());
      const owner = await t().member('owner');
      await seedControl(t(), created.id, { id: 'AC-04', owner: owner.email });
      const url = `${base(t())}/engagements/${created.id}/evidence-requests`;
      return { url, owner, auditor: await t().member('auditor'), engagementId: created.id };
    }

    it('refuses a request due before it is made, writing nothing, and lets only the auditor ask', async () => {
      const { url, auditor, owner } = await engagement();
      const late = await auditor.request({ method: 'POST', url, payload: { code: 'PBC-1', item: 'Access reviews', dueOn: addDays(today, -1) } });
      expect(late.statusCode).toBe(422);
      expect(late.json().issues).toEqual([{ location: '$.dueOn', message: `the due date (${addDays(today, -1)}) is before the request is made (${today})` }]);
      expect((await owner.request({ method: 'POST', url, payload: { code: 'PBC-1', item: 'Access reviews', dueOn: today } })).statusCode).toBe(403);
      expect((await auditor.request({ method: 'GET', url })).json().requests).toEqual([]);
      expect(await auditEvents(t(), 'evidence_request.created')).toHaveLength(0);
    });

    it('goes from asked to answered with evidence, returned with a reason, answered again and accepted', async () => {
      const { url, auditor, owner, engagementId } = await engagement();
      const asked = await auditor.request({ method: 'POST', url, payload: { code: 'PBC-1', item: 'Quarterly access reviews', control: 'AC-04', dueOn: today } });
      expect(asked.statusCode, asked.body).toBe(201);
      const request = asked.json();
      expect(request).toMatchObject({ status: 'open', control: 'AC-04', version: 1 });
      const record = await t().services.evidence.add({ kind: 'operator' }, t().organizationId, engagementId, {
        content: (async function* () { yield Buffer.from('reviewed'); })(),
        fileName: 'review.csv', mediaType: 'text/csv', controls: ['AC-04'], source: 'upload',
      });
      const answer = (version: number, payload: object) => owner.request({ method: 'POST', url: `${url}/${request.id}/answer`, payload: { version, ...payload } });
      const decide = (version: number, payload: object) => auditor.request({ method: 'POST', url: `${url}/${request.id}/decision`, payload: { version, ...payload } });

      expect((await answer(1, { evidence: [] })).statusCode).toBe(422);
      expect((await answer(1, { evidence: ['nope'] })).json().issues).toEqual([{ location: '$.evidence[0]', message: 'no evidence nope that stands in this engagement' }]);
      expect((await auditor.request({ method: 'POST', url: `${url}/${request.id}/answer`, payload: { version: 1, evidence: [record.id] } })).statusCode).toBe(403);
      const answered = await answer(1, { evidence: [record.id], comment: 'Q1 review attached' });
      expect(answered.json()).toMatchObject({ status: 'answered', evidence: [record.id], comment: 'Q1 review attached', version: 2 });
      expect((await decide(2, { decision: 'return' })).statusCode).toBe(422);
      expect((await owner.request({ method: 'POST', url: `${url}/${request.id}/decision`, payload: { version: 2, decision: 'accept' } })).statusCode).toBe(403);
      expect((await decide(2, { decision: 'return', reason: 'Q2 is missing' })).json()).toMatchObject({ status: 'returned', returnReason: 'Q2 is missing' });
      expect((await decide(3, { decision: 'accept' })).statusCode).toBe(409);
      expect((await answer(3, { evidence: [record.id], comment: 'Q2 follows' })).json().status).toBe('answered');
      expect((await decide(4, { decision: 'accept' })).json()).toMatchObject({ status: 'accepted', version: 5 });
      expect(await auditEvents(t(), 'evidence_request.returned')).toHaveLength(1);
    });

    it('imports the auditor’s CSV all or nothing, naming line and column, shows overdue first and exports it back', async () => {
      const { url, auditor } = await engagement();
      const csv = (text: string) => auditor.request({ method: 'POST', url: `${url}/import`, payload: text, headers: { 'content-type': 'text/csv' } });
      const bad = await csv(`ID,Request,Control,Due date,Owner,Status,Comment\nPBC-1,Policies,AC-04,${today},,open,\nPBC-2,Logs,ZZ-9,2026-13-01,,maybe,\n`);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().issues).toEqual([
        { location: 'requests.csv:3 (Due date)', message: 'a date written YYYY-MM-DD' },
        { location: 'requests.csv:3 (Status)', message: 'one of open, answered, accepted, returned' },
        { location: 'requests.csv:3 (Control)', message: 'the engagement has no control ZZ-9' },
      ]);
      expect((await auditor.request({ method: 'GET', url })).json().requests).toEqual([]);

      const imported = await csv(`id,request,due date,owner\nPBC-2,"Logs, all of them",${addDays(today, 30)},ann@acme.example\nPBC-1,Policies,${today},\n`);
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toEqual({ created: ['PBC-2', 'PBC-1'], updated: [] });
      const board = (await auditor.request({ method: 'GET', url })).json();
      expect(board.requests.map((r: { code: string }) => r.code)).toEqual(['PBC-1', 'PBC-2']);
      const exported = await auditor.request({ method: 'GET', url: `${url}/export` });
      expect(exported.headers['content-type']).toMatch(/^text\/csv/);
      expect(exported.body).toBe(`ID,Request,Control,Due date,Owner,Status,Comment\r\nPBC-1,Policies,,${today},,open,\r\nPBC-2,"Logs, all of them",,${addDays(today, 30)},ann@acme.example,open,\r\n`);
    });
  });
}
