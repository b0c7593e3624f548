/** Whether a value a person picked is a role. */
import { ROLES } from '@assay/domain/access/permissions.js';
import type { Role } from '../../api/types.js';

export function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}
