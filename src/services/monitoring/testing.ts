/**
 * Test data for monitoring in the server: the leavers check of AC-04 stored in an engagement, and the two
 * exports it reads, written in their real shapes (docs/evidence-formats.md) so a test says who has left and who
 * still has access.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../store/database.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { createServices, defaultServiceDependencies, type ServiceDependencies } from '../index.js';
import { OPERATOR, type Actor } from '../platform/actor.js';
import { findingsWorld, WHOLE_PAGE } from '../testing.js';

export const LEAVERS_CHECK = `id: MON-AC-04
title: Leavers lose access within one business day
controls: [AC-04]
sources:
  hr: { file: evidence/hr-roster.csv, format: hr-csv }
  idp: { file: evidence/okta-users.json, format: okta-users }
builtin: terminated-access
params: { slaDays: 1 }
`;

const HR_HEADER = 'employee_id,work_email,first_name,last_name,hire_date,termination_date,employment_status,department,manager_email';

/** An HR roster of leavers: each `[id, termination date]`, email `<id>@acme.example`. */
export function hrRoster(leavers: readonly [string, string][]): string {
  return [HR_HEADER, ...leavers.map(([id, left]) => `${id},${id.toLowerCase()}@acme.example,First,Last,2021-01-04,${left},Terminated,Engineering,`)].join('\n') + '\n';
}

/** Okta users: each `[employee id, status, statusChanged]`. */
export function oktaUsers(users: readonly [string, string, string][]): string {
  return JSON.stringify(
    users.map(([id, status, changed]) => ({
      id: `00u${id}`,
      status,
      statusChanged: changed,
      lastLogin: null,
      profile: { email: `${id.toLowerCase()}@acme.example`, login: `${id.toLowerCase()}@acme.example` },
    })),
  );
}

/** A file of `text` to upload, removed with the folder the test gives. */
export async function uploadOf(folder: string, fileName: string, text: string) {
  const path = join(folder, `${Math.random().toString(16).slice(2)}-${fileName}`);
  await writeFile(path, text);
  return { path, fileName, mediaType: fileName.endsWith('.json') ? 'application/json' : 'text/csv' };
}

/** findingsWorld with the leavers check stored in its engagement, its services keeping exports in a folder. */
export async function monitoringWorld(store: Store, deps: Partial<ServiceDependencies> = {}) {
  const world = await findingsWorld(store);
  const uploads = await mkdtemp(join(tmpdir(), 'assay-uploads-'));
  const services = createServices(store, { ...defaultServiceDependencies, evidence: { blobDir: null, maxBytes: 1_000_000 }, ...deps });
  await store.db.transaction().execute((trx) =>
    createChecksRepository(store.db).replaceAll(world.engagementId, [{ checkId: 'MON-AC-04', title: 'Leavers lose access within one business day', fileName: 'mon-ac-04.yaml', definition: LEAVERS_CHECK }], trx),
  );
  const { organizationId, engagementId } = world;
  return {
    ...world,
    services,
    /** How many evidence records the engagement holds, whatever their state. */
    stored: async () => (await services.evidence.list(OPERATOR, organizationId, engagementId, { ...WHOLE_PAGE, state: 'all' })).total,
    /** Uploads `text` as the export of the check's source `source`. */
    attach: (actor: Actor, source: string, fileName: string, text: string) =>
      uploadOf(uploads, fileName, text).then((upload) => services.checks.attachExport(actor, organizationId, engagementId, 'MON-AC-04', source, upload)),
    upload: (fileName: string, text: string) => uploadOf(uploads, fileName, text),
    close: () => rm(uploads, { recursive: true, force: true }),
  };
}
