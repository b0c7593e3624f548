/**
 * Root causes of the engagement: each with the findings traced to it, and the systemic ones ranked by the
 * findings and criteria they touch.
 */
import type { RootCauseWithFindings, SystemicCause } from '@assay/contract';
import { useQuery } from '@tanstack/react-query';
import { everyItem } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { RootCauseWithFindings, SystemicCause };

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
