/**
 * Criteria not applicable as management proposes them and the auditor decides: the engagement's proposals with
 * what each pending one would change, proposing one and deciding one. The proposals' key extends the
 * examination's, so whatever changes the examination fetches them (and their forecasts) again.
 */
import type { NotApplicableProposalBody, NotApplicableProposalList } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { reloadEngagement } from './dashboard.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type NotApplicableProposal = NotApplicableProposalBody;
export type NotApplicableProposals = NotApplicableProposalList;

const proposalsKey = (organizationId: string, engagementId: string) => [...keys.examination(organizationId, engagementId), 'not-applicable-proposals'] as const;

export function useNotApplicableProposals() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: proposalsKey(organizationId, engagementId),
    queryFn: () => api<NotApplicableProposals>('GET', `${urls.root}/not-applicable-proposals`),
    enabled: engagementId !== '',
  });
}

/** Proposes that a criterion does not apply, with the reason: pending until the auditor decides. */
export function useProposeNotApplicable() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { criterion: string; reason: string }) => api<NotApplicableProposal>('POST', `${urls.root}/not-applicable-proposals`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: proposalsKey(organizationId, engagementId) }),
  });
}

/** Accepts or rejects a pending proposal at its version; an accepted criterion changes the examination. */
export function useDecideNotApplicable() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { proposal: NotApplicableProposal; decision: 'accept' | 'reject'; note: string | null }) =>
      api<NotApplicableProposal>('POST', `${urls.root}/not-applicable-proposals/${encodeURIComponent(input.proposal.id)}/decision`, {
        version: input.proposal.version,
        decision: input.decision,
        note: input.note,
      }),
    onSuccess: () => reloadEngagement(client, organizationId, engagementId),
  });
}
