/**
 * Period coverage: the engagement's calendar (every control's occurrences over the period) and one control's.
 * Keyed under the examination: evidence moves both.
 */
import type { ControlCoverageView, EngagementCoverage } from '@assay/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { API_PREFIX } from './paths.js';
import { useScope } from './programme.js';

export type { ControlCoverageView, EngagementCoverage };
export type CoverageRow = EngagementCoverage['controls'][number];
export type OccurrenceView = CoverageRow['occurrences'][number];

export function useEngagementCoverage() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.coverage(organizationId, engagementId),
    queryFn: () => api<EngagementCoverage>('GET', urls.coverage),
    enabled: Boolean(organizationId && engagementId),
  });
}

export function useControlCoverage(controlId: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.controlCoverage(organizationId, engagementId, controlId),
    queryFn: () => api<ControlCoverageView>('GET', urls.controlCoverage(controlId)),
    enabled: Boolean(organizationId && engagementId && controlId),
  });
}

/** The address of an evidence file's download, under the API like every request the app makes. */
export function useEvidenceDownload(): (evidenceId: string) => string {
  const { urls } = useScope();
  return (evidenceId) => `${API_PREFIX}${urls.evidenceContent(evidenceId)}`;
}
