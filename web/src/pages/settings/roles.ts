/** The roles as a person chooses among them: what each may do (DESIGN §6, the permission table). */
import { ROLES } from '@assay/domain/access/permissions.js';
import type { Role } from '../../api/types.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  compliance: 'Compliance',
  owner: 'Control owner',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'everything, including members and API tokens',
  compliance: 'manages the programme: engagements, controls, tests',
  owner: 'reads everything, edits the controls it owns',
  auditor: 'reads everything, records tests, samples and conclusions',
  viewer: 'reads',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}
