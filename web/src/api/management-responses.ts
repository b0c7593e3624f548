/**
 * A finding's management response: the text the report's "other information" section gives for the exception,
 * drafted from the finding, edited, and approved by a second person. Shapes as the server sends them
 * (src/server/routes/findings/schemas.ts, managementResponseSchema).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ManagementResponse as DomainResponse, ResponseText } from '@assay/domain/findings/management-response.js';
import { api, ApiError } from './client.js';
import { useScope } from './programme.js';

export type { ResponseText };

export interface ManagementResponse extends DomainResponse {
  version: number;
}

/** The response's address under the engagement: the finding's code is URL-encoded. */
function responsePath(base: string, finding: string): string {
  return `${base}/findings/${encodeURIComponent(finding)}/management-response`;
}

const responseKey = (organizationId: string, engagementId: string, finding: string) => ['management-response', organizationId, engagementId, finding];

/** The finding's response, or null while none is drafted. */
export function useManagementResponse(finding: string) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: responseKey(organizationId, engagementId, finding),
    queryFn: async (): Promise<ManagementResponse | null> => {
      try {
        return await api<ManagementResponse>('GET', responsePath(base, finding));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: finding !== '',
  });
}

/** A change of the response whose answer replaces the cached one, and reloads the history of changes. */
function useResponseMutation<TVariables>(send: (path: string, variables: TVariables) => Promise<ManagementResponse>, finding: string) {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(responsePath(base, finding), variables),
    onSuccess: async (response) => {
      client.setQueryData(responseKey(organizationId, engagementId, finding), response);
      // The report's section (Reports page) counts approved and draft responses.
      await Promise.all([
        client.invalidateQueries({ queryKey: ['audit', organizationId] }),
        client.invalidateQueries({ queryKey: ['other-information', organizationId, engagementId] }),
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
