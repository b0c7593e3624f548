import { z } from 'zod';
import { ROLES } from '../domain/index.js';
import { version } from './fields.js';
import { pageQuery, paged } from './paging.js';

export const memberParams = z.strictObject({ organizationId: z.string().min(1), userId: z.string().min(1) });

export const memberSchema = z
  .object({
    organizationId: z.string(),
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Member' });

export const memberList = paged(memberSchema);
export const memberQuery = pageQuery.extend({ role: z.enum(ROLES).optional() });

export const changeRoleBody = z.strictObject({ version, role: z.enum(ROLES) });

export type Member = z.infer<typeof memberSchema>;
export type RoleChange = z.input<typeof changeRoleBody>;
