import { z } from 'zod';
import { LOCALES, ROLES } from '../domain/index.js';
import { MAX_NAME_LENGTH, MAX_SLUG_LENGTH } from '../domain/limits.js';
import { version } from './fields.js';

export const organizationParams = z.strictObject({ organizationId: z.string().min(1) });

export const organizationSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
    /** How the app writes and reads dates for its members (`en-GB`: 02/01/2026 is 2 January). */
    locale: z.enum(LOCALES),
    /** The caller's role in it. */
    role: z.enum(ROLES),
  })
  .meta({ id: 'Organization' });

const slug = z
  .string()
  .max(MAX_SLUG_LENGTH)
  .regex(/^[a-z0-9][a-z0-9-]+$/, `lower-case letters, digits and dashes, 2 to ${MAX_SLUG_LENGTH} characters`);
const name = z.string().trim().min(1).max(MAX_NAME_LENGTH);

export const createOrganizationBody = z.strictObject({ slug, name });
export const updateOrganizationBody = z.strictObject({ version, slug: slug.optional(), name: name.optional(), locale: z.enum(LOCALES).optional() });

export type Organization = z.infer<typeof organizationSchema>;
