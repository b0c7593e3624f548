import { z } from 'zod';
import { ROLES } from '../../../domain/index.js';
import { pageQuery, paged } from '../pagination.js';

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

export const changeRoleBody = z.strictObject({ version: z.number().int().min(1), role: z.enum(ROLES) });
