/**
 * Root causes of the engagement: each with the findings traced to it, and the systemic ones ranked by the
 * findings and criteria they touch. Shapes as the server sends them (src/server/routes/findings/schemas.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type { RootCause } from '../../../src/domain/findings/model.js';
import type { SystemicCause } from '../../../src/domain/findings/systemic.js';
import { everyItem } from './client.js';
import { useScope } from './programme.js';

export type { RootCause, SystemicCause };

export interface RootCauseWithFindings extends RootCause {
  /** Sent back as `rootCauseVersion` to rewrite the cause (a stale one is refused). */
  version: number;
  /** Codes of the findings traced to it. */
  findings: string[];
}

/** Every root cause of the engagement (page after page), with the findings traced to it. */
export function useRootCauses() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['root-causes', organizationId, engagementId],
    queryFn: () => everyItem<RootCauseWithFindings>(`${base}/root-causes`),
  });
}

/** Most findings first, then most criteria; false positives left out. */
export function useSystemicCauses() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['root-causes', organizationId, engagementId, 'systemic'],
    queryFn: () => everyItem<SystemicCause>(`${base}/root-causes/systemic`),
  });
}
