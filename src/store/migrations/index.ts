/**
 * Every migration, by name, imported statically: no folder is scanned at run time, so the same list works
 * from `src/` under tsx and vitest and from the compiled `dist/`. Names sort in the order they run.
 */
import type { Migration } from 'kysely';
import * as initial from './2026112601_initial.js';
import * as examinationRevision from './2026112602_examination_revision.js';
import * as findings from './2026112603_findings.js';
import * as managementResponses from './2026112604_management_responses.js';
import * as remediationPlans from './2026112605_remediation_plans.js';
import * as engagementLineage from './2026112606_engagement_lineage.js';
import * as auditSubjectIndex from './2026112607_audit_subject_index.js';
import * as accounts from './2026112608_accounts.js';
import * as instanceSettings from './2026120101_instance_settings.js';
import * as auditCheckpoints from './2026120102_audit_checkpoints.js';
import * as archiving from './2026120103_archiving.js';
import * as auditActor from './2026120401_audit_actor.js';
import * as untestedSamples from './2026120401_untested_samples.js';
import * as independence from './2026120501_independence.js';
import * as organizationLocale from './2026120520_organization_locale.js';
import * as evidence from './2026120530_evidence.js';
import * as checks from './2026120550_checks.js';
import * as reportJobs from './2026120610_report_jobs.js';
import * as trustPage from './2026120620_trust_page.js';
import * as description from './2026120640_description.js';
import * as risksVendors from './2026120630_risks_vendors.js';
import * as trustSubscriptions from './2026120660_trust_subscriptions.js';
import * as trustSubscriptionLinks from './2026120670_trust_subscription_links.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026112601_initial': initial,
  '2026112602_examination_revision': examinationRevision,
  '2026112603_findings': findings,
  '2026112604_management_responses': managementResponses,
  '2026112605_remediation_plans': remediationPlans,
  '2026112606_engagement_lineage': engagementLineage,
  '2026112607_audit_subject_index': auditSubjectIndex,
  '2026112608_accounts': accounts,
  '2026120101_instance_settings': instanceSettings,
  '2026120102_audit_checkpoints': auditCheckpoints,
  '2026120103_archiving': archiving,
  '2026120401_audit_actor': auditActor,
  '2026120401_untested_samples': untestedSamples,
  '2026120501_independence': independence,
  '2026120520_organization_locale': organizationLocale,
  '2026120530_evidence': evidence,
  '2026120550_checks': checks,
  '2026120610_report_jobs': reportJobs,
  '2026120620_trust_page': trustPage,
  '2026120640_description': description,
  '2026120630_risks_vendors': risksVendors,
  '2026120660_trust_subscriptions': trustSubscriptions,
  '2026120670_trust_subscription_links': trustSubscriptionLinks,
};
