/** The tokens panel's data: the organisation's tokens, creating one (its secret shown once) and revoking. */
import { useState } from 'react';
import { useScope } from '../../api/programme.js';
import { useCreateToken, useRevokeToken, useTokens, type ApiToken } from '../../api/settings.js';
import { useCreationDialog } from '../../components/useCreationDialog.js';
import { useConfirmed } from '../../components/ConfirmDialog.js';
import { useCan } from '../../components/useRole.js';

/** Whether a token still works at `now`, in words and a colour. */
export function statusOf(token: ApiToken, now: Date): { label: string; color: string } {
  if (token.revokedAt !== null) return { label: 'revoked', color: 'gray' };
  if (token.expiresAt !== null && new Date(token.expiresAt) <= now) return { label: 'expired', color: 'gray' };
  return { label: 'active', color: 'teal' };
}

export function useTokensPanel() {
  const { organizationId } = useScope();
  const manage = useCan('token.manage');
  const tokens = useTokens(organizationId, manage);
  const create = useCreateToken(organizationId);
  const revoke = useRevokeToken(organizationId);
  const creating = useCreationDialog(create);
  const [failure, setFailure] = useState<string | null>(null);
  const revoking = useConfirmed<ApiToken>({
    run: (token, callbacks) => revoke.mutate(token.id, callbacks),
    done: (token) => `The token “${token.name}” is revoked.`,
    onFailure: setFailure,
  });
  return { manage, tokens, create, revoke, creating, failure, setFailure, revoking };
}
