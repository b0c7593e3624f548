import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from '../domain/limits.js';
import { ROLES } from '../domain/index.js';

export const loginBody = z.strictObject({
  email: z.string().trim().min(3).max(MAX_EMAIL_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const userSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string() }).meta({ id: 'User' });

export const signedInSchema = z.object({
  user: userSchema,
  /** Echo in the x-csrf-token header on every write made with the session cookie. */
  csrfToken: z.string(),
  /** When the session ends unless used; each use slides it, up to its absolute lifetime. */
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

/** A one-time link's secret, as the page read it from the link's fragment. */
export const linkSecret = z.string().min(1).max(200);
/** A new password: its length is checked by the service (one rule for the API and the command line). */
export const newPassword = z.string().min(1).max(MAX_PASSWORD_LENGTH);

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  newPassword,
});

export const resetPasswordBody = z.strictObject({ token: linkSecret, newPassword });

export const endedSchema = z.object({ sessionsEnded: z.number().int() });

export type User = z.infer<typeof userSchema>;
export type Me = z.infer<typeof meSchema>;
export type SignedIn = z.infer<typeof signedInSchema>;
export type Credentials = z.input<typeof loginBody>;
export type PasswordChange = z.input<typeof changePasswordBody>;
export type PasswordReset = z.input<typeof resetPasswordBody>;
export type SessionsEnded = z.infer<typeof endedSchema>;
