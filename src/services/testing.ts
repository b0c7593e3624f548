/**
 * Test data for the services: a small engagement with deficiencies, and members (for the findings and
 * management-response tests); an organisation with people on a clock the test moves (for the account tests).
 */
import { randomUUID } from 'node:crypto';
import { buildUser, controlFields, engagementSettings, samplesOf, unique } from '../../test/support/factories.js';
import type { Control, Role } from '../domain/index.js';
import { MAX_PAGE_SIZE } from '../domain/limits.js';
import { createAuditRepository } from '../store/audit-repository.js';
import type { Store } from '../store/database.js';
import { OPERATOR, type Actor } from './platform/actor.js';
import { createServices } from './index.js';
import type { InstanceSettings } from './accounts/signup-policy.js';

/**
 * An API token's actor as authentication builds it: of `organizationId`, with `role`, its creator holding
 * `creatorRole` there today (by default the same role, so the token acts with exactly `role`).
 */
export function tokenActor(organizationId: string, role: Role, fields: Partial<Extract<Actor, { kind: 'token' }>> = {}): Actor {
  return { kind: 'token', tokenId: `token-${role}`, organizationId, role, name: role, userId: `creator-of-${role}`, email: `${role}@tokens.example`, creatorRole: role, ...fields };
}

/** A page as large as a page may be: what a test that reads a whole short list asks for. */
export const WHOLE_PAGE = { limit: MAX_PAGE_SIZE, offset: 0 } as const;

/** An engagement with AC-01 effective, AC-04 not effective (one failed sample of 5) and CM-01 deficient in design. */
export async function findingsWorld(store: Store) {
  const services = createServices(store);
  const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme' });
  const organizationId = organization.id;
  const engagement = await services.engagements.create(OPERATOR, organizationId, engagementSettings());
  const engagementId = engagement.id;
  const control = (id: string, criteria: string[], extra: Partial<Control> = {}) =>
    services.controls.create(OPERATOR, organizationId, engagementId, controlFields({ id, title: `Control ${id}`, criteria, ...extra }));
  await control('AC-01', ['CC6.1']);
  await control('AC-04', ['CC6.2', 'A1.2']);
  await control('CM-01', ['CC8.1'], { design: 'deficient' });
  const test = (id: string, results: string) =>
    services.tests.put(OPERATOR, organizationId, engagementId, id, { method: 'inspection', populationSize: 42, scopeLimitation: null, samples: samplesOf(results) });
  await test('AC-01', 'ppppp');
  await test('AC-04', 'ppfpp');

  /** A signed-in member of the organisation with this role. */
  const member = async (role: Role, email = `${unique(role)}@acme.example`): Promise<Actor> => {
    const user = await buildUser(store.db, { email });
    await services.members.add(OPERATOR, organizationId, { email, role });
    return { kind: 'user', userId: user.id, email };
  };
  const events = async (type: string) =>
    (await createAuditRepository(store.db).list({ limit: 100, offset: 0, organizationId, type })).items;
  return { services, organizationId, engagementId, member, events };
}

export const PASSWORD = 'correct horse battery staple';
export const START = '2026-03-01T09:00:00.000Z';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export async function accountsWorld(store: Store, settings?: InstanceSettings) {
  let now = Date.parse(START);
  const clock = () => new Date(now);
  const services = createServices(store, { clock, newId: randomUUID }, settings);
  const organization = await services.organizations.create(OPERATOR, { slug: unique('org'), name: 'Acme Cloud, Inc.' });

  /** A person with an account (password {@link PASSWORD}) and a role in `organizationId` (default: the world's). */
  const person = async (role: Role, email = `${unique(role)}@acme.example`, organizationId = organization.id): Promise<Actor & { kind: 'user' }> => {
    const member = await services.members.add(OPERATOR, organizationId, { email, role, displayName: role, password: PASSWORD });
    return { kind: 'user', userId: member.userId, email: member.email };
  };
  const events = async (type: string) => (await createAuditRepository(store.db).list({ limit: 100, offset: 0, type })).items;

  return {
    services,
    organizationId: organization.id,
    person,
    events,
    /** Moves the services' clock forward. */
    advance: (ms: number) => void (now += ms),
  };
}
