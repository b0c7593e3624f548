/**
 * The composition root: every capability's services over one store, composed. The server decorates itself with
 * this; the CLI builds it directly. Each capability wires itself in its own `index.ts`; what several share
 * (access, the audit log, the repositories more than one reads) is built once in `platform/`.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/database.js';
import { createAccountsServices } from './accounts/index.js';
import { DEFAULT_INSTANCE_SETTINGS, type InstanceSettings } from './accounts/signup-policy.js';
import { createAuditLogServices } from './audit-log/index.js';
import { createCoverageServices } from './coverage/index.js';
import { createDemoServices } from './demo/index.js';
import { createDescriptionServices } from './description/index.js';
import { createEngagementServices } from './engagements/index.js';
import { createEvidenceServices, type EvidenceSettings } from './evidence/index.js';
import { createFindingsServices } from './findings/index.js';
import { createPlatform } from './platform/index.js';
import { createRemediationServices } from './remediation/index.js';
import { createRiskServices } from './risks/index.js';
import { createVendorServices } from './vendors/index.js';
import type { WebhookSettings } from './remediation/remediation-service.js';
import { createPackageServices, createReportServices } from './reports/index.js';
import { createMonitoringServices, evidenceExports, type ExportStore } from './monitoring/index.js';
import { createTrustServices, type Mailer } from './trust/index.js';

export interface ServiceDependencies {
  clock: () => Date;
  newId: () => string;
  /** Where reminder and trust page webhooks may go: public addresses only when not given (the CLI reads the instance's settings). */
  webhooks?: WebhookSettings;
  /** Where evidence bytes go and how large a file may be: from the environment when not given. */
  evidence?: EvidenceSettings;
  /** Where monitoring keeps the exports its checks read (default: the evidence store). */
  exports?: ExportStore;
  /** How the trust page mails its links: SMTP from the environment when not given; null sends nothing. */
  mailer?: Mailer | null;
  /** The largest engagement record an export gives, in bytes: `MAX_EXPORT_RECORD_BYTES` when not given. */
  maxExportRecordBytes?: number;
  /** How long one report job's render may take in its worker thread: `DEFAULT_RENDER_TIME_LIMIT_MS` when not given. */
  renderTimeLimitMs?: number;
}

export const defaultServiceDependencies: ServiceDependencies = { clock: () => new Date(), newId: randomUUID };

export function createServices(
  store: Store,
  deps: ServiceDependencies = defaultServiceDependencies,
  settings: InstanceSettings = DEFAULT_INSTANCE_SETTINGS,
) {
  const { webhooks, evidence, exports, mailer, maxExportRecordBytes, renderTimeLimitMs, ...storeDeps } = deps;
  const platform = createPlatform(store, storeDeps);
  const { signup, ...accounts } = createAccountsServices(platform, settings);
  const { lookup, ...engagements } = createEngagementServices(platform, { signup, ...(maxExportRecordBytes !== undefined && { maxExportBytes: maxExportRecordBytes }) });
  const descriptionServices = createDescriptionServices(platform, { lookup });
  const evidenceServices = createEvidenceServices(platform, { lookup, ...(evidence && { settings: evidence }) });
  const monitoring = createMonitoringServices(platform, { lookup, exports: exports ?? evidenceExports(evidenceServices.evidence, evidenceServices.blobs) });
  const register = {
    ...createRiskServices(platform, { lookup, examination: engagements.examination }),
    ...createVendorServices(platform, { lookup }),
  };
  return {
    access: platform.access,
    ...accounts,
    ...engagements,
    ...createFindingsServices(platform, { lookup }),
    ...createRemediationServices(platform, { lookup, ...(webhooks && { webhooks }) }),
    ...createReportServices(platform, { lookup, ...(renderTimeLimitMs !== undefined && { renderTimeLimitMs }) }),
    ...createCoverageServices(platform, { lookup }),
    ...descriptionServices,
    ...createAuditLogServices(platform, { lookup }),
    ...evidenceServices,
    ...createPackageServices(platform, { lookup, blobs: evidenceServices.blobs }),
    ...createTrustServices(platform, { lookup, examination: engagements.examination, blobs: evidenceServices.blobs, maxBytes: evidenceServices.evidence.maxBytes, ...(mailer !== undefined && { mailer }), ...(webhooks && { webhooks }) }),
    ...monitoring,
    ...register,
    ...createDemoServices(platform, { workspace: engagements.workspace, users: accounts.users }),
  };
}

export type Services = ReturnType<typeof createServices>;
export type * from './evidence/index.js';
