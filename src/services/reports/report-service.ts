/**
 * Report sections made from the database: the "other information" section, management's approved responses to
 * the engagement's exceptions (src/reports/other-information.ts), as `assay examine DIR --format markdown` gives it
 * from a workspace. Reading only: `finding.read`, like the findings and responses it is made of.
 */
import { NotFoundError } from '../../domain/index.js';
import { renderOtherInformationDocument, responsesByStatus } from '../../reports/other-information.js';
import { engineOf } from '../../store/engine.js';
import type { FindingsRepository } from '../../store/findings-repository.js';
import type { ManagementResponsesRepository } from '../../store/management-responses-repository.js';
import type { OrganizationsRepository } from '../../store/organizations-repository.js';
import type { Executor } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { EngagementScope } from '../engagements/engagement-scope.js';
import { reportFileName } from '../engagements/workspace-service.js';

export interface OtherInformationReport {
  /** The Markdown document. */
  text: string;
  /** What a download is called: the organisation, the period's end and the section. */
  fileName: string;
  /** Codes of the findings whose response is in the section (approved), in code order. */
  approved: string[];
  /** Codes of the findings whose response is still a draft, left out of the section. */
  drafts: string[];
}

export function createReportService(deps: {
  db: Executor;
  organizations: Pick<OrganizationsRepository, 'findById'>;
  findings: Pick<FindingsRepository, 'list'>;
  responses: Pick<ManagementResponsesRepository, 'list'>;
  lookup: EngagementScope;
  access: Access;
}) {
  const { db, organizations, findings, responses, lookup, access } = deps;

  return {
    /** The "other information" section of the engagement, with the findings whose responses it gives and leaves out. */
    async otherInformation(actor: Actor, organizationId: string, engagementId: string): Promise<OtherInformationReport> {
      await access.require(actor, organizationId, 'finding.read');
      const engagement = await lookup.engagement(organizationId, engagementId);
      const organization = await organizations.findById(organizationId);
      if (!organization) throw new NotFoundError(`Organization ${organizationId}`);
      // One snapshot, so every response given belongs to a finding listed.
      const transaction = engineOf(db) === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
      const input = await transaction.execute(async (trx) => ({
        findings: await findings.list(engagementId, {}, trx),
        responses: await responses.list(engagementId, trx),
      }));
      const header = { ...engagement, organization: organization.name };
      return {
        text: renderOtherInformationDocument(header, input),
        fileName: reportFileName(organization.name, engagement.periodEnd, 'other-information.md'),
        ...responsesByStatus(input),
      };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
