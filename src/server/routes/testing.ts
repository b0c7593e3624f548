/**
 * Test data for the programme's HTTP tests, made through the services as the command line's operator (so a
 * test's own requests are the only ones it makes over HTTP). Every call makes new rows.
 */
import type { Control } from '../../domain/index.js';
import { OPERATOR } from '../../services/platform/actor.js';
import { createAuditRepository } from '../../store/audit-repository.js';
import type { ControlTestInput } from '../../store/controls-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import type { TestApp } from '../testing.js';
import { engagementSettings, samplesOf } from '../../../test/support/factories.js';

export { samplesOf };

/** A type 2 engagement of security and availability, CC6.4 not applicable. */
export async function seedEngagement(t: TestApp, overrides: Parameters<typeof engagementSettings>[0] = {}): Promise<StoredEngagement> {
  return t.services.engagements.create(OPERATOR, t.organizationId, engagementSettings(overrides));
}

export function controlInput(overrides: Partial<Control> = {}): Control {
  return {
    id: 'AC-04',
    title: 'Terminated users are deprovisioned within one business day',
    criteria: ['CC6.2', 'CC6.3'],
    frequency: 'event',
    nature: 'manual',
    key: true,
    design: 'effective',
    compensates: [],
    owner: 'it-ops@acme.example',
    ...overrides,
  };
}

export async function seedControl(t: TestApp, engagementId: string, overrides: Partial<Control> = {}) {
  return t.services.controls.create(OPERATOR, t.organizationId, engagementId, controlInput(overrides));
}

export async function seedTest(t: TestApp, engagementId: string, controlId: string, overrides: Partial<ControlTestInput> = {}) {
  const { test } = await t.services.tests.put(OPERATOR, t.organizationId, engagementId, controlId, {
    method: 'inspection',
    populationSize: 42,
    scopeLimitation: null,
    samples: samplesOf('ppppp'),
    ...overrides,
  });
  return test;
}

/** The organisation's audit events of a type, newest first. */
export async function auditEvents(t: TestApp, type: string) {
  const page = await createAuditRepository(t.store.db).list({ limit: 100, offset: 0, organizationId: t.organizationId, type });
  return page.items;
}

export const base = (t: TestApp) => `/api/v1/organizations/${t.organizationId}`;
