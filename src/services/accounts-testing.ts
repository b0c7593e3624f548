/** Test data for the account services: services on a clock the test moves, an organisation, and people in it. */
import { randomUUID } from 'node:crypto';
import { unique } from '../../test/support/factories.js';
import type { Role } from '../domain/index.js';
import { createAuditRepository } from '../store/audit-repository.js';
import type { Store } from '../store/database.js';
import { OPERATOR, type Actor } from './actor.js';
import { createServices } from './index.js';
import type { InstanceSettings } from './signup-policy.js';

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
