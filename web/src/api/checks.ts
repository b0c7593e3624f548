/**
 * Monitoring's checks: each with its sources, latest run and schedule; a check's runs (its history and trend);
 * running one now and uploading an export to a source. Keyed under the findings' part: a run can open, retest or
 * reopen a finding, so what it changes is brought up to date together.
 */
import type { Check, CheckRun } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.js';
import { keys } from './keys.js';
import { withQuery } from './paths.js';
import { useScope } from './programme.js';

export type { Check, CheckRun };

/** How many runs the history and trend show: the latest. */
export const RUNS_SHOWN = 50;

export function useChecks() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.checks(organizationId, engagementId),
    queryFn: () => api<{ items: Check[] }>('GET', urls.checks).then((r) => r.items),
    enabled: Boolean(organizationId && engagementId),
  });
}

export function useCheckRuns(checkId: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.checkRuns(organizationId, engagementId, checkId),
    queryFn: () => api<{ items: CheckRun[]; total: number }>('GET', withQuery(urls.checkRuns(checkId), { limit: RUNS_SHOWN })),
    enabled: Boolean(organizationId && engagementId),
  });
}

/** What a run or an upload can change: the checks, their runs and the findings. */
function useRefreshFindingsPart() {
  const client = useQueryClient();
  const { organizationId, engagementId } = useScope();
  return () => client.invalidateQueries({ queryKey: keys.findingsPart(organizationId, engagementId) });
}

export function useRunCheck(checkId: string) {
  const { urls } = useScope();
  const refresh = useRefreshFindingsPart();
  return useMutation({ mutationFn: () => api<CheckRun>('POST', urls.checkRuns(checkId), {}), onSuccess: refresh });
}

export function useUploadExport(checkId: string, source: string) {
  const { urls } = useScope();
  const refresh = useRefreshFindingsPart();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<unknown>('POST', urls.checkExport(checkId, source), form);
    },
    onSuccess: refresh,
  });
}
