/**
 * Server state for the dashboard and the criteria matrix: the examination's history (the trend line), what
 * changed in it since last week, and marking criteria not applicable.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_SINCE_DAYS } from '@assay/domain/evaluation/history.js';
import type { CriterionStatus, OpinionKind, Severity } from '@assay/domain/evaluation/result.js';
import type { PeriodComparison } from '@assay/domain/periods/compare.js';
import { api } from './client.js';
import { useScope, type Engagement } from './programme.js';
import type { Paged } from './types.js';

/** One kept result, as `GET …/examination/history` sends it (the server's `ExaminationHistoryPoint`). */
export interface HistoryPoint {
  takenAt: string;
  /** The engagement revision evaluated (null for a snapshot taken without one). */
  revision: number | null;
  opinion: OpinionKind;
  /** How many criteria have each status. */
  criteria: Record<CriterionStatus, number>;
  /** How many deficiencies have each severity. */
  deficiencies: Record<Severity, number>;
}

/**
 * The most points one request asks for (the server's page limit). A snapshot is kept per change, so this
 * covers the recent weeks of even a busy engagement; the trend thins them out to one a day.
 */
export const HISTORY_LIMIT = 1000;

/**
 * The examination's history, newest first. Its key extends the examination's, so whatever invalidates the
 * examination (any change the engine reads) invalidates the history with it.
 */
export function useExaminationHistory() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['examination', organizationId, engagementId, 'history'],
    queryFn: () => api<Paged<HistoryPoint>>('GET', `${base}/examination/history?limit=${HISTORY_LIMIT}`),
  });
}

/** What changed between two kept results, as `GET …/examination/changes` sends it (the server's `ExaminationChanges`). */
export interface ExaminationChanges {
  latest: HistoryPoint;
  /** The newest result at least the days asked older than the latest, else the oldest; null when none is. */
  baseline: HistoryPoint | null;
  /** Whether the baseline is a full period (a week by default) older; else it is the oldest result there is. */
  fullPeriod: boolean;
  /** Only the criteria and controls that changed, and the opinion; null without a baseline. */
  comparison: PeriodComparison | null;
}

/**
 * What changed since last week: the latest result against the newest one at least a week older (or the oldest),
 * criterion by criterion and control by control. Under the examination's key, as the history is.
 */
export function useExaminationChanges() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['examination', organizationId, engagementId, 'changes', DEFAULT_SINCE_DAYS],
    queryFn: () => api<ExaminationChanges>('GET', `${base}/examination/changes?sinceDays=${DEFAULT_SINCE_DAYS}`),
  });
}

export type NotApplicableList = Engagement['notApplicable'];

/**
 * Replaces the engagement's list of criteria not applicable. `version` is the engagement's as the page read it:
 * a stale one is refused with 409, so nobody overwrites a change they did not see.
 */
export function useUpdateNotApplicable() {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (input: { version: number; notApplicable: NotApplicableList }) =>
      api<Engagement>('PATCH', base, { version: input.version, notApplicable: input.notApplicable }),
    onSuccess: (engagement) => {
      client.setQueryData(['engagement', organizationId, engagementId], engagement);
      return reloadEngagement(client, organizationId, engagementId);
    },
  });
}

/** Fetches again what a change to the engagement's settings touches: the engagement and its examination. */
export async function reloadEngagement(
  client: ReturnType<typeof useQueryClient>,
  organizationId: string,
  engagementId: string,
): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['engagement', organizationId, engagementId] }),
    client.invalidateQueries({ queryKey: ['engagements', organizationId] }),
    client.invalidateQueries({ queryKey: ['examination', organizationId, engagementId] }),
  ]);
}
