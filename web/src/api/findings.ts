/**
 * Findings, their root causes, corrective actions, retests and the auditor's override: the server state of the
 * findings pages (the engagement's root causes themselves are read through root-causes.ts).
 *
 * A change of a finding answers with the finding as saved: it goes straight into the cache, and everything else
 * of the engagement a finding can move (the list, root causes, the remediation plan, the forecast after
 * remediation, the management response) is fetched again.
 */
import type {
  CorrectiveAction,
  Finding,
  FindingStep,
  NewFinding,
  OverrideInput,
  Paged,
  Retest,
  RetestInput,
  RootCauseInput,
  SyncResult,
  TransitionInput,
} from '@assay/contract';
import type { FindingSource, FindingStatus } from '@assay/domain';
import { hashKey, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, everyItem } from './client.js';
import { keys } from './keys.js';
import { withQuery, type EngagementApi } from './paths.js';
import { useScope } from './programme.js';

export type { CorrectiveAction, Finding, FindingSource, FindingStep, FindingStatus, NewFinding, OverrideInput, Retest, RetestInput, TransitionInput };

/** Every finding of the engagement in code order (page after page), of one status when given. */
export function useFindings(status: FindingStatus | null = null) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.findings(organizationId, engagementId, status),
    queryFn: () => everyItem<Finding>(withQuery(urls.findings, { status })),
  });
}

/** The findings on one control (the control page's link to its finding). */
export function useControlFindings(controlId: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.controlFindings(organizationId, engagementId, controlId),
    queryFn: () => api<Paged<Finding>>('GET', withQuery(urls.findings, { control: controlId })).then((r) => r.items),
    enabled: controlId !== '',
  });
}

export function useFinding(findingCode: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.finding(organizationId, engagementId, findingCode),
    queryFn: () => api<Finding>('GET', urls.finding(findingCode)),
    enabled: findingCode !== '',
  });
}

/** The finding's lifecycle steps with who took each (fetched again with the findings after any change). */
export function useFindingSteps(findingCode: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.findingSteps(organizationId, engagementId, findingCode),
    queryFn: () => api<FindingStep[]>('GET', urls.findingPart(findingCode, 'steps')),
    enabled: findingCode !== '',
  });
}

/**
 * Fetches again every query of the engagement a change of its findings can move (the examination and the
 * controls it cannot: findings never feed the forecast); `saved`, a finding just as the server answered, is
 * not asked for again.
 */
export async function reloadFindings(client: QueryClient, organizationId: string, engagementId: string, saved?: Finding): Promise<void> {
  const savedKey = saved && hashKey(keys.finding(organizationId, engagementId, saved.code));
  await client.invalidateQueries({
    queryKey: keys.findingsPart(organizationId, engagementId),
    predicate: ({ queryHash }) => queryHash !== savedKey,
  });
}

/** A mutation whose answer is a finding: it is cached as saved, then what it moved is fetched again. */
function useFindingMutation<TVariables>(send: (urls: EngagementApi, variables: TVariables) => Promise<Finding>) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(urls, variables),
    onSuccess: (finding) => {
      client.setQueryData(keys.finding(organizationId, engagementId, finding.code), finding);
      return reloadFindings(client, organizationId, engagementId, finding);
    },
  });
}

/** One finding per deficiency of the current examination (idempotent). */
export function useSyncFindings() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: () => api<SyncResult>('POST', urls.findingsSync),
    onSuccess: () => reloadFindings(client, organizationId, engagementId),
  });
}

export function useCreateFinding() {
  return useFindingMutation((urls, finding: NewFinding) => api<Finding>('POST', urls.findings, finding));
}

/** One step of the lifecycle at the version the page read; a refused step is a 409 whose detail gives the reasons. */
export function useTransition() {
  return useFindingMutation((urls, { findingCode, version, step }: { findingCode: string; version: number; step: TransitionInput }) =>
    api<Finding>('POST', urls.findingPart(findingCode, 'transitions'), { version, ...step }),
  );
}

/** Replaces the finding's corrective actions with the whole list. */
export function useSaveCorrectiveActions() {
  return useFindingMutation(
    (urls, { findingCode, ...body }: { findingCode: string; version: number; actions: CorrectiveAction[]; dueBeforeIdentifiedReason?: string }) =>
      api<Finding>('PUT', urls.findingPart(findingCode, 'corrective-actions'), body),
  );
}

export function useRecordRetest() {
  return useFindingMutation((urls, { findingCode, version, retest }: { findingCode: string; version: number; retest: RetestInput }) =>
    api<Finding>('POST', urls.findingPart(findingCode, 'retests'), { version, ...retest }),
  );
}

/**
 * Traces the finding to a root cause, written under its code (an existing code is shared, and rewritten as sent
 * at `rootCauseVersion`, the version read: someone else's change since is refused, not overwritten).
 */
export function useSetRootCause() {
  return useFindingMutation(
    (urls, { findingCode, version, rootCause, rootCauseVersion }: { findingCode: string; version: number; rootCause: RootCauseInput; rootCauseVersion?: number }) =>
      api<Finding>('PUT', urls.findingPart(findingCode, 'root-cause'), { version, ...rootCause, ...(rootCauseVersion !== undefined && { rootCauseVersion }) }),
  );
}

/** The auditor's judgment beside the engine's forecast (finding.judge). */
export function useOverride() {
  return useFindingMutation((urls, { findingCode, version, override }: { findingCode: string; version: number; override: OverrideInput }) =>
    api<Finding>('PUT', urls.findingPart(findingCode, 'override'), { version, ...override }),
  );
}

export function useClearOverride() {
  return useFindingMutation((urls, { findingCode, version }: { findingCode: string; version: number }) =>
    api<Finding>('DELETE', withQuery(urls.findingPart(findingCode, 'override'), { version })),
  );
}
