/**
 * Root causes of the engagement: each with the findings traced to it, and the systemic ones ranked by the
 * findings and criteria they touch.
 */
import type { NewRootCause, RootCauseWithFindings, SystemicCause } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, everyItem } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { NewRootCause, RootCauseWithFindings, SystemicCause };

/** Every root cause of the engagement (page after page), with the findings traced to it. */
export function useRootCauses() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.rootCauses(organizationId, engagementId),
    queryFn: () => everyItem<RootCauseWithFindings>(urls.rootCauses),
  });
}

/** Most findings first, then most criteria; false positives left out. */
export function useSystemicCauses() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.systemicCauses(organizationId, engagementId),
    queryFn: () => everyItem<SystemicCause>(urls.systemicCauses),
  });
}

/** Writes a root cause on its own (409 when its code is in use); the lists of causes are fetched again. */
export function useCreateRootCause() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (cause: NewRootCause) => api<RootCauseWithFindings>('POST', urls.rootCauses, cause),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.rootCauses(organizationId, engagementId) }),
        client.invalidateQueries({ queryKey: keys.systemicCauses(organizationId, engagementId) }),
      ]),
  });
}
