/**
 * The signed-in person's role in the organisation on screen, and what the permission table lets it do, less what
 * an archived engagement refuses: the same rules the server enforces, so no button leads to a refusal.
 */
import { useParams } from 'react-router';
import { can, type Action } from '@assay/domain/access/permissions.js';
import { useEngagementArchived } from '../api/programme.js';
import { useOrganizations } from '../api/session.js';
import type { Role } from '../api/types.js';

/** Changes of an engagement's own work, refused while it is archived; the organisation's members and tokens are not its. */
const ENGAGEMENT_CHANGES: ReadonlySet<Action> = new Set<Action>([
  'engagement.manage',
  'control.manage',
  'control.update',
  'test.record',
  'evidence.manage',
  'finding.manage',
  'finding.remediate',
  'finding.judge',
  'response.write',
  'response.approve',
  'risk.accept',
  'result.amend',
  'exclusion.propose',
  'exclusion.decide',
  'request.ask',
  'request.answer',
  'risk.manage',
  'vendor.manage',
]);

export function useRole(): Role | null {
  const { organizationId } = useParams();
  const organizations = useOrganizations();
  return organizations.data?.find((o) => o.id === organizationId)?.role ?? null;
}

/** Whether to offer an action: the role's grant, and for a change of the engagement's work, the engagement in use. */
export function useCan(action: Action, owns = false): boolean {
  const archived = useEngagementArchived();
  return can(useRole(), action, owns) && !(archived && ENGAGEMENT_CHANGES.has(action));
}
