/** A first run: creating the organisation, an engagement from the starter set or a workspace zip, the starter set added. */
import type { CreateOrganizationInput, Organization, SetupOptions, StartedEngagement, StartEngagementInput, StarterAnswersInput, WorkspaceImport } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { organizationApi, ORGANIZATIONS_API, SETUP_API } from './paths.js';

export function useSetupOptions() {
  return useQuery({ queryKey: [...keys.me, 'setup'], queryFn: () => api<SetupOptions>('GET', SETUP_API), staleTime: Infinity });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrganizationInput) => api<Organization>('POST', ORGANIZATIONS_API, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.organizations }),
  });
}

export function useStartEngagement(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartEngagementInput) => api<StartedEngagement>('POST', organizationApi(organizationId).startEngagement, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.organization(organizationId) }),
  });
}

export function useImportWorkspaceZip(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (zip: File) => api<WorkspaceImport>('POST', organizationApi(organizationId).workspaceImport, new Blob([zip], { type: 'application/zip' })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.organization(organizationId) }),
  });
}

export function useAddStarterControls(organizationId: string, engagementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: StarterAnswersInput) => api<StartedEngagement>('POST', organizationApi(organizationId).starterControls(engagementId), { answers }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.engagement(organizationId, engagementId) }),
  });
}
