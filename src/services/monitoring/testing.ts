/**
 * Test data for monitoring in the server: the leavers check of AC-04 stored in an engagement, and the two
 * exports it reads, written in their real shapes (docs/evidence-formats.md) so a test says who has left and who
 * still has access.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../store/database.js';
import { createChecksRepository } from '../../store/checks-repository.js';
import { createServices, defaultServiceDependencies, type ServiceDependencies } from '../index.js';
import type { Actor } from '../platform/actor.js';
import { findingsWorld } from '../testing.js';
import type { ExportStore } from './checks-service.js';

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

/** An export store in a folder of its own: what the evidence store does for monitoring, without its records. */
export async function folderExportStore(): Promise<ExportStore & { stored: () => number; close: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'assay-exports-'));
  let count = 0;
  return {
    async add(_actor, input) {
      const sha256 = createHash('sha256').update(await readFile(input.path)).digest('hex');
      await copyFile(input.path, join(folder, sha256));
      count += 1;
      return { id: `evidence-${count}`, sha256 };
    },
    copyTo: (sha256, path) => copyFile(join(folder, sha256), path),
    stored: () => count,
    close: () => rm(folder, { recursive: true, force: true }),
  };
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
  const exports = await folderExportStore();
  const uploads = await mkdtemp(join(tmpdir(), 'assay-uploads-'));
  const services = createServices(store, { ...defaultServiceDependencies, exports, ...deps });
  await store.db.transaction().execute((trx) =>
    createChecksRepository(store.db).replaceAll(world.engagementId, [{ checkId: 'MON-AC-04', title: 'Leavers lose access within one business day', fileName: 'mon-ac-04.yaml', definition: LEAVERS_CHECK }], trx),
  );
  const { organizationId, engagementId } = world;
  return {
    ...world,
    services,
    exports,
    /** Uploads `text` as the export of the check's source `source`. */
    attach: (actor: Actor, source: string, fileName: string, text: string) =>
      uploadOf(uploads, fileName, text).then((upload) => services.checks.attachExport(actor, organizationId, engagementId, 'MON-AC-04', source, upload)),
    upload: (fileName: string, text: string) => uploadOf(uploads, fileName, text),
    async close() {
      await exports.close();
      await rm(uploads, { recursive: true, force: true });
    },
  };
}
