import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../domain/limits.js';
import { ROLES } from '../domain/index.js';
import { linkSecret, newPassword } from './auth.js';
import { organizationParams } from './organizations.js';
import { pageQuery, paged } from './paging.js';

export const invitationParams = organizationParams.extend({ invitationId: z.string().min(1) });

/** An invitation as its organisation's admins see it: never its secret or hash. */
export const invitationSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    invitedBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });

export const invitationList = paged(invitationSchema);
export const invitationQuery = pageQuery;

export const createInvitationBody = z.strictObject({ email: z.email().max(MAX_EMAIL_LENGTH), role: z.enum(ROLES) });

export const createdInvitationSchema = z
  .object({
    invitation: invitationSchema,
    /** The link to give the invitee. Shown this once: only a hash of its secret is kept. */
    link: z.string(),
  })
  .meta({ id: 'CreatedInvitation' });

export const invitationTokenBody = z.strictObject({ token: linkSecret });

export const invitationPreviewSchema = z
  .object({ organizationName: z.string(), email: z.string(), role: z.enum(ROLES), expiresAt: z.string() })
  .meta({ id: 'InvitationPreview' });

export const acceptedSchema = z.object({ organizationId: z.string(), role: z.enum(ROLES) });

export const signUpBody = z.strictObject({
  token: linkSecret,
  displayName: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  password: newPassword,
});

export type Invitation = z.infer<typeof invitationSchema>;
export type NewInvitation = z.input<typeof createInvitationBody>;
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
export type AcceptedInvitation = z.infer<typeof acceptedSchema>;
export type SignUp = z.input<typeof signUpBody>;
