/**
 * The authorization table, route by route: every API route × every role (and an anonymous caller, and a member
 * of another organisation) gets exactly what the route's declared permission and the permission table say.
 * A new route is covered as soon as it exists; one whose path needs a fixture this file lacks fails here.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freshStore } from '../../test/support/engines.js';
import { buildEngagement } from '../../test/support/factories.js';
import { buildFinding } from '../domain/findings/testing.js';
import { buildRiskInput } from '../domain/risks/testing.js';
import { buildVendorInput } from '../domain/vendors/testing.js';
import { ROLES, reachOf, type Role } from '../domain/index.js';
import { OPERATOR } from '../services/platform/actor.js';
import { createServices } from '../services/index.js';
import { hashPassword } from '../services/platform/passwords.js';
import { createApiTokensRepository } from '../store/api-tokens-repository.js';
import { createAuditRepository } from '../store/audit-repository.js';
import { createChecksRepository } from '../store/checks-repository.js';
import { LEAVERS_CHECK } from '../services/monitoring/testing.js';
import { samplePdf } from '../services/trust/testing.js';
import { replaceExamination } from '../store/controls-examination.js';
import { createFindingsRepository } from '../store/findings-repository.js';
import { createReportJobsRepository } from '../store/report-jobs-repository.js';
import { createSessionsRepository } from '../store/sessions-repository.js';
import { createUsersRepository } from '../store/users-repository.js';
import { defaultDependencies } from '../store/values.js';
import { buildApp } from './app.js';
import { CSRF_HEADER, SESSION_COOKIE } from './authentication.js';
import { isAction, type DeclaredRoute } from './permissions.js';

type Caller = Role | 'anonymous' | 'outsider';
const CALLERS: Caller[] = ['anonymous', 'outsider', ...ROLES];
const OWNER_EMAIL = 'owner@acme.example';

/** A hash made once: creating users must not cost an argon2 run each. */
const passwordHash = hashPassword('not used by these tests');

/** A fresh organisation with one of everything a route's path can name, and a session per caller. */
async function world() {
  const store = await freshStore('sqlite');
  const services = createServices(store);
  const app = await buildApp({ services, loginRateLimit: 10_000 });
  const users = createUsersRepository(store.db);
  const sessions = createSessionsRepository(store.db);
  const org = await services.organizations.create(OPERATOR, { slug: 'acme', name: 'Acme' });
  const other = await services.organizations.create(OPERATOR, { slug: 'other', name: 'Other' });

  const session = async (email: string, organizationId: string, role: Role) => {
    const user = await users.create({ email, displayName: email, passwordHash: await passwordHash });
    await services.members.add(OPERATOR, organizationId, { email, role });
    const token = `session-${email}`;
    await sessions.create({ token, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), csrfSecret: `csrf-${email}` });
    return { token, csrf: `csrf-${email}`, userId: user.id };
  };
  const callers = new Map<Caller, { token: string; csrf: string } | null>([['anonymous', null]]);
  callers.set('outsider', await session('outsider@other.example', other.id, 'admin'));
  for (const role of ROLES) callers.set(role, await session(role === 'owner' ? OWNER_EMAIL : `${role}@acme.example`, org.id, role));
  const bystander = await session('bystander@acme.example', org.id, 'viewer');

  const engagement = await buildEngagement(store.db, { organizationId: org.id, name: 'FY2026', system: 'Platform', categories: ['security'], notApplicable: [] });
  await store.db.transaction().execute((trx) =>
    replaceExamination(trx, defaultDependencies, engagement.id, {
      controls: [
        { id: 'AC-04', title: 'Leavers removed', criteria: ['CC6.2'], frequency: 'event', nature: 'manual', key: true, design: 'effective', compensates: [], owner: OWNER_EMAIL },
      ],
      tests: [{ control: 'AC-04', method: 'inspection', populationSize: 10, scopeLimitation: null, samples: [{ item: 'T-1', result: 'pass', note: null }] }],
    }),
  );
  // A finding on the owner's control, so the owner's 'own' grant on its corrective actions is exercised.
  await createFindingsRepository(store.db).create(engagement.id, buildFinding({ code: 'F-AC-04', control: 'AC-04' }));
  await store.db.transaction().execute((trx) =>
    createChecksRepository(store.db).replaceAll(engagement.id, [{ checkId: 'MON-AC-04', title: 'Leavers', fileName: 'mon-ac-04.yaml', definition: LEAVERS_CHECK }], trx),
  );
  const token = await createApiTokensRepository(store.db).create({
    organizationId: org.id,
    name: 'ci',
    token: 'fixture-api-token',
    role: 'viewer',
    createdBy: bystander.userId,
    expiresAt: null,
  });

  const { invitation } = await services.invitations.create(OPERATOR, org.id, { email: 'invitee@elsewhere.example', role: 'viewer' });
  const proposal = await services.notApplicable.propose(OPERATOR, org.id, engagement.id, { criterion: 'CC6.4', reason: 'Facilities are carved out' });
  const evidence = await services.evidence.add(OPERATOR, org.id, engagement.id, {
    content: Readable.from([Buffer.from('user,reviewed\n')]),
    fileName: 'access-review.csv',
    mediaType: 'text/csv',
    controls: ['AC-04'],
    source: 'upload',
  });
  const trustRequestId = await trustRequestFixture(services, org.id, engagement.id);
  const risk = await services.risks.create(OPERATOR, org.id, engagement.id, buildRiskInput({ owner: OWNER_EMAIL, findings: ['F-AC-04'] }));
  const vendor = await services.vendors.create(OPERATOR, org.id, engagement.id, buildVendorInput({ owner: OWNER_EMAIL }));
  const request = await services.evidenceRequests.ask(OPERATOR, org.id, engagement.id, { code: 'PBC-1', item: 'Access reviews', control: 'AC-04', dueOn: '2099-12-31', owner: OWNER_EMAIL });

  const reportJob = await createReportJobsRepository(store.db).create('report-job-1', { organizationId: org.id, engagementId: engagement.id, type: 'readiness', format: 'md', bridgeTo: null, requestedBy: 'operator' });
  // An event of the organisation (a member added above), for the routes that read one event.
  const [event] = (await createAuditRepository(store.db).list({ limit: 1, offset: 0, organizationId: org.id })).items;
  const params: Record<string, string> = {
    seq: String(event?.seq),
    organizationId: org.id,
    engagementId: engagement.id,
    controlId: 'AC-04',
    item: 'T-1',
    userId: bystander.userId,
    tokenId: token.id,
    findingCode: 'F-AC-04',
    invitationId: invitation.id,
    proposalId: proposal.id,
    checkId: 'MON-AC-04',
    source: 'hr',
    evidenceId: evidence.id,
    requestId: request.id,
    jobId: reportJob.id,
    trustRequestId,
    organizationSlug: 'acme',
    riskCode: risk.code,
    vendorCode: vendor.code,
  };
  return { app, store, callers, params };
}

/** A published trust page offering a report, and a request for it: the id of the request. */
async function trustRequestFixture(services: ReturnType<typeof createServices>, organizationId: string, engagementId: string): Promise<string> {
  await services.trust.uploadReport(OPERATOR, organizationId, engagementId, 'soc2.pdf', await samplePdf(1));
  await services.trust.versionNda(OPERATOR, organizationId, 'Keep it confidential.');
  await services.trust.publish(OPERATOR, organizationId, { engagementId, series: [], subprocessors: [], contact: 'trust@acme.example', offerReport: true }, 'https://assay.example');
  await services.trust.ask('acme', { name: 'Bea', company: 'Customer', email: 'bea@customer.example', ndaVersion: 1 }, '192.0.2.1');
  const [request] = (await services.trust.requests(OPERATOR, organizationId, { limit: 1, offset: 0 })).items;
  if (!request) throw new Error('no trust request');
  return request.id;
}

function expected(route: DeclaredRoute, caller: Caller): 'allowed' | 401 | 403 | 404 {
  if (route.permission === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (!isAction(route.permission)) return 'allowed';
  if (caller === 'outsider') return route.url.includes(':organizationId') ? 404 : 'allowed';
  // 'own' grants are exercised on a subject the caller owns: the fixture control belongs to the owner.
  return reachOf(caller, route.permission) === null ? 403 : 'allowed';
}

describe('authorization table', () => {
  it('refuses at start-up an API route that declares no permission', async () => {
    const store = await freshStore('sqlite');
    const app = await buildApp({ services: createServices(store) });
    expect(() => app.get('/api/v1/undeclared', async () => 'open')).toThrow(/declares no permission/);
    await app.close();
    await store.close();
  });

  it('marks exactly the public routes as needing no credentials in the OpenAPI document', async () => {
    const store = await freshStore('sqlite');
    const app = await buildApp({ services: createServices(store) });
    await app.ready();
    const document = app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const mismatches = app.declaredRoutes.flatMap((route) => {
      const operation = document.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      const open = Array.isArray(operation?.security) && operation.security.length === 0;
      return open === (route.permission === 'public') ? [] : [`${route.method} ${route.url} (${route.permission})`];
    });
    expect(app.declaredRoutes.filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/health',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/invitations/preview',
      'POST /api/v1/invitations/sign-up',
      'GET /api/v1/public/trust/:organizationSlug',
      'POST /api/v1/public/trust/:organizationSlug/report',
      'POST /api/v1/public/trust/:organizationSlug/requests',
      'POST /api/v1/public/trust/:organizationSlug/subscriptions',
      'POST /api/v1/public/trust/:organizationSlug/subscriptions/confirm',
      'POST /api/v1/public/trust/:organizationSlug/subscriptions/unsubscribe',
    ].sort());
    expect(mismatches).toEqual([]);
    await app.close();
    await store.close();
  });

  it('gives every route × caller exactly the status the permission table says', { timeout: 120_000 }, async () => {
    const probe = await world();
    const routes = probe.app.declaredRoutes.filter((r) => r.method !== 'HEAD');
    await probe.app.close();
    await probe.store.close();
    expect(routes.length).toBeGreaterThan(5);

    const failures: string[] = [];
    for (const route of routes) {
      // Each route gets a world of its own, so a DELETE cannot take a fixture from the next route.
      const { app, store, callers, params } = await world();
      const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`${route.method} ${route.url}: add a fixture for :${name}`);
        return encodeURIComponent(value);
      });
      for (const caller of CALLERS) {
        const session = callers.get(caller) ?? null;
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          ...(session ? { cookies: { [SESSION_COOKIE]: session.token }, headers: { [CSRF_HEADER]: session.csrf } } : {}),
        });
        const want = expected(route, caller);
        const status = response.statusCode;
        const refusedAsOutsider = status === 404 && /organisation/.test(response.body);
        const ok = want === 'allowed' ? status !== 401 && status !== 403 && !refusedAsOutsider : status === want && (want !== 404 || refusedAsOutsider);
        if (!ok) failures.push(`${route.method} ${route.url} as ${caller}: got ${status}, want ${want} (${response.body.slice(0, 160)})`);
      }
      await app.close();
      await store.close();
    }
    expect(failures).toEqual([]);
  });
});
