import { z } from 'zod';
import { ROLES } from '../../../domain/index.js';
import { MAX_PASSWORD_LENGTH } from '../../../services/passwords.js';

export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const userSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string() }).meta({ id: 'User' });

export const signedInSchema = z.object({
  user: userSchema,
  /** Echo in the x-csrf-token header on every write made with the session cookie. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const meSchema = z.object({
  kind: z.enum(['user', 'token', 'operator']),
  /** The person calling: signed in, or the creator an API token acts as. */
  user: userSchema.nullable(),
  /** For an API token: its organisation and its own role (it acts within its creator's current role too). */
  token: z.object({ id: z.string(), name: z.string(), organizationId: z.string(), role: z.enum(ROLES) }).nullable(),
  csrfToken: z.string().nullable(),
});
