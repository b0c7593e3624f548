/** One's own account: the password (changed, or set from a reset link) and signing out everywhere. */
import type { PasswordChange, PasswordReset, SessionsEnded } from '@assay/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { AUTH_API } from './paths.js';
import { forgetSession } from './session.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: PasswordChange) => api<SessionsEnded>('POST', AUTH_API.password, input),
  });
}

export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<SessionsEnded>('POST', AUTH_API.endAllSessions),
    onSuccess: () => forgetSession(client),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: PasswordReset) => api<void>('POST', AUTH_API.passwordReset, input),
  });
}
