import { z } from 'zod';
import { ROLES } from '../domain/index.js';
import { MAX_NAME_LENGTH } from '../domain/limits.js';
import { organizationParams } from './organizations.js';
import { pageQuery, paged } from './paging.js';

export const tokenParams = organizationParams.extend({ tokenId: z.string().min(1) });

/** A token as listed: what it is and may do, never its secret or hash (the serializer drops anything else). */
export const tokenSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdBy: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const tokenList = paged(tokenSchema);
export const tokenQuery = pageQuery.extend({ includeRevoked: z.stringbool().default(false) });

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  role: z.enum(ROLES),
  /** When the token stops working; absent or null: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const createdTokenSchema = z
  .object({
    token: tokenSchema,
    /** Send as `Authorization: Bearer <secret>`. Shown this once: only its hash is kept. */
    secret: z.string(),
  })
  .meta({ id: 'CreatedApiToken' });

export type ApiToken = z.infer<typeof tokenSchema>;
export type NewToken = z.input<typeof createTokenBody>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
