/** The signed-in person's role in the organisation on screen, and what the permission table lets it do. */
import { useParams } from 'react-router';
import { can, type Action } from '@assay/domain/access/permissions.js';
import { useOrganizations } from '../api/session.js';
import type { Role } from '../api/types.js';

export function useRole(): Role | null {
  const { organizationId } = useParams();
  const organizations = useOrganizations();
  return organizations.data?.find((o) => o.id === organizationId)?.role ?? null;
}

/** Whether to offer an action: the same table the server enforces, so no button leads to a refusal. */
export function useCan(action: Action, owns = false): boolean {
  return can(useRole(), action, owns);
}
