/**
 * Server state for the dashboard and the criteria matrix: the examination's history (the trend line), what
 * changed in it since last week, what to fix first, and marking criteria not applicable.
 */
import type { Engagement, ExaminationChanges, FixRanking, HistoryPoint, Paged } from '@assay/contract';
import { MAX_PAGE_SIZE } from '@assay/contract/limits.js';
import { DEFAULT_SINCE_DAYS } from '@assay/domain/evaluation/history.js';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { withQuery } from './paths.js';
import { useScope } from './programme.js';

export type { ExaminationChanges, FixRanking, HistoryPoint };

/**
 * The examination's history, newest first: the most points one request may ask for (the server's page limit).
 * A snapshot is kept per change, so this covers the recent weeks of even a busy engagement; the trend thins
 * them out to one a day. Its key extends the examination's, so whatever invalidates the examination (any
 * change the engine reads) invalidates the history with it.
 */
export function useExaminationHistory() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.history(organizationId, engagementId),
    queryFn: () => api<Paged<HistoryPoint>>('GET', withQuery(urls.examinationHistory, { limit: MAX_PAGE_SIZE })),
  });
}

/**
 * What changed since last week: the latest result against the newest one at least a week older (or the oldest),
 * criterion by criterion and control by control. Under the examination's key, as the history is.
 */
export function useExaminationChanges() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.changes(organizationId, engagementId, DEFAULT_SINCE_DAYS),
    queryFn: () => api<ExaminationChanges>('GET', withQuery(urls.examinationChanges, { sinceDays: DEFAULT_SINCE_DAYS })),
  });
}

/** What to fix first: the engine's what-if for each deficient control, best first. Under the examination's key. */
export function useWhatIf() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.whatIf(organizationId, engagementId),
    queryFn: () => api<FixRanking>('GET', urls.whatIf),
  });
}

export type NotApplicableList = Engagement['notApplicable'];

/**
 * Replaces the engagement's list of criteria not applicable. `version` is the engagement's as the page read it:
 * a stale one is refused with 409, so nobody overwrites a change they did not see.
 */
export function useUpdateNotApplicable() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (input: { version: number; notApplicable: NotApplicableList }) =>
      api<Engagement>('PATCH', urls.root, { version: input.version, notApplicable: input.notApplicable }),
    onSuccess: (engagement) => {
      client.setQueryData(keys.settings(organizationId, engagementId), engagement);
      return reloadEngagement(client, organizationId, engagementId);
    },
  });
}

/** Fetches again what a change to the engagement's settings touches: the engagement and its examination. */
export async function reloadEngagement(client: QueryClient, organizationId: string, engagementId: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: keys.settings(organizationId, engagementId) }),
    client.invalidateQueries({ queryKey: keys.engagements(organizationId) }),
    client.invalidateQueries({ queryKey: keys.examination(organizationId, engagementId) }),
  ]);
}
