/**
 * The risk register: each risk with its inherent and residual risk (worked out by the server from the controls'
 * conclusions and monitoring), adding and changing risks. Keyed under the examination: what moves a control's
 * conclusion moves the residual risks.
 */
import type { RiskBody, RiskRegister, RiskView } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { RiskBody, RiskRegister, RiskView };

export function useRisks() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.risks(organizationId, engagementId),
    queryFn: () => api<RiskRegister>('GET', urls.risks),
    enabled: Boolean(organizationId && engagementId),
  });
}

/** Adds a risk (no `code`) or changes one at its `version`. */
export function useSaveRisk() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: ({ code, version, body }: { code?: string; version?: number; body: RiskBody }) =>
      code === undefined ? api<RiskView>('POST', urls.risks, body) : api<RiskView>('PUT', urls.risk(code), { ...body, version }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.risks(organizationId, engagementId) }),
  });
}
