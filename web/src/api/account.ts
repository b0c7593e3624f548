/** One's own account: the password (changed, or set from a reset link) and signing out everywhere. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { forgetSession } from './session.js';

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api<{ sessionsEnded: number }>('POST', '/auth/password', input),
  });
}

export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ sessionsEnded: number }>('POST', '/auth/sessions/end-all'),
    onSuccess: () => forgetSession(client),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) => api<void>('POST', '/auth/password-reset', input),
  });
}
