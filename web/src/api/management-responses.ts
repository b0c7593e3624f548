/**
 * A finding's management response: the text the report's "other information" section gives for the exception,
 * drafted from the finding, edited, and approved by a second person.
 */
import type { ManagementResponse, ResponseText } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { ManagementResponse, ResponseText };

/** The finding's response, or null while none is drafted. */
export function useManagementResponse(finding: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.managementResponse(organizationId, engagementId, finding),
    queryFn: () => api<ManagementResponse | null>('GET', urls.findingPart(finding, 'management-response')),
    enabled: finding !== '',
  });
}

/** A change of the response whose answer replaces the cached one, and reloads the history of changes. */
function useResponseMutation<TVariables>(send: (path: string, variables: TVariables) => Promise<ManagementResponse>, finding: string) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(urls.findingPart(finding, 'management-response'), variables),
    onSuccess: async (response) => {
      client.setQueryData(keys.managementResponse(organizationId, engagementId, finding), response);
      // The report's section (Reports page) counts approved and draft responses.
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.audit(organizationId) }),
        client.invalidateQueries({ queryKey: keys.otherInformation(organizationId, engagementId) }),
      ]);
    },
  });
}

/** Drafts the response from the finding's data; redrafting one that exists sends its version. */
export function useDraftManagementResponse(finding: string) {
  return useResponseMutation((path, { version }: { version?: number }) => api<ManagementResponse>('POST', `${path}/draft`, version === undefined ? {} : { version }), finding);
}

/** Saves the four texts at the version read (an approved response edited is a draft again). */
export function useEditManagementResponse(finding: string) {
  return useResponseMutation((path, { version, ...text }: ResponseText & { version: number }) => api<ManagementResponse>('PUT', path, { version, ...text }), finding);
}

/** Approves the response at the version read (refused to its last editor: four eyes). */
export function useApproveManagementResponse(finding: string) {
  return useResponseMutation((path, { version }: { version: number }) => api<ManagementResponse>('POST', `${path}/approve`, { version }), finding);
}
