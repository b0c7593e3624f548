/**
 * The system description: read with its warnings, the significant incidents found and the description opinion;
 * recorded whole at its version; and the mark that makes a finding a significant incident. Both changes move the
 * examination (the description opinion), so they fetch it again, the description with it.
 */
import type { DescriptionView, IncidentMark, SystemDescriptionInput } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { reloadEngagement } from './dashboard.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { DescriptionView, SystemDescriptionInput };
export type DescriptionWarningView = DescriptionView['warnings'][number];

export function useDescription() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.description(organizationId, engagementId),
    queryFn: () => api<DescriptionView>('GET', urls.description),
    enabled: Boolean(organizationId && engagementId),
  });
}

export function useSaveDescription() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { version: number; description: SystemDescriptionInput }) => api<DescriptionView>('PUT', urls.description, input),
    onSuccess: (view) => {
      client.setQueryData(keys.description(organizationId, engagementId), view);
      return reloadEngagement(client, organizationId, engagementId);
    },
  });
}

/** Marks a finding a significant incident (or takes the mark off) at the finding's version. */
export function useMarkIncident() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { code: string; version: number; significantIncident: boolean }) =>
      api<IncidentMark>('PUT', urls.findingPart(input.code, 'significant-incident'), { version: input.version, significantIncident: input.significantIncident }),
    onSuccess: () =>
      Promise.all([
        reloadEngagement(client, organizationId, engagementId),
        client.invalidateQueries({ queryKey: keys.engagement(organizationId, engagementId) }),
      ]).then(() => undefined),
  });
}
