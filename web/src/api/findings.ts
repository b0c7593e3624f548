/**
 * Findings, their root causes, corrective actions, retests and the auditor's override: the server state of the
 * findings pages (the engagement's root causes themselves are read through root-causes.ts). The shapes are the domain's (src/domain/findings/model.ts) with the version to send back, as
 * the server's response schemas (src/server/routes/findings/schemas.ts) declare them.
 *
 * A change of a finding answers with the finding as saved: it goes straight into the cache, and everything else
 * of the engagement a finding can move (the list, root causes, the remediation plan, the forecast after
 * remediation, the management response) is fetched again.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Sample, TestMethod } from '../../../src/domain/engagement.js';
import type { FailureKind, Severity } from '../../../src/domain/evaluation/result.js';
import type {
  CorrectiveAction,
  Finding as DomainFinding,
  FindingSource,
  FindingStatus,
  Retest,
  RootCause,
} from '../../../src/domain/findings/model.js';
import { api, everyItem } from './client.js';
import { useScope } from './programme.js';

export type { CorrectiveAction, FindingSource, FindingStatus, Retest, RootCause };

/** A finding as the API sends it: the domain's finding, when it was created, and the version to send back. */
export interface Finding extends DomainFinding {
  createdAt: string;
  version: number;
}

/** What POST …/findings sends: the finding the engine derives for a control's deficiency, or one written by hand. */
export type NewFinding =
  | { source: 'deficiency'; control: string }
  | {
      source: Exclude<FindingSource, 'deficiency'>;
      title: string;
      description: string | null;
      control: string | null;
      /** Left out: the control's criteria. */
      criteria?: string[];
      kind: FailureKind;
      severity: Severity;
    };

export interface TransitionInput {
  to: FindingStatus;
  reason?: string;
  riskAcceptance?: { approver: string; reason: string; expires: string };
  falsePositiveReason?: string;
}

export interface RetestInput {
  date: string;
  periodStart: string;
  periodEnd: string;
  method: TestMethod;
  populationSize: number | null;
  samples: Sample[];
}

export interface OverrideInput {
  severity: Severity | null;
  pervasive: boolean | null;
  reason: string;
}

/** The path of a finding under the engagement: its code is URL-encoded. */
export function findingPath(base: string, findingCode: string): string {
  return `${base}/findings/${encodeURIComponent(findingCode)}`;
}

/** Every finding of the engagement in code order (page after page), of one status when given. */
export function useFindings(status: FindingStatus | null = null) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['findings', organizationId, engagementId, status],
    queryFn: () => everyItem<Finding>(`${base}/findings${status ? `?status=${status}` : ''}`),
  });
}

/** The findings on one control (the control page's link to its finding). */
export function useControlFindings(controlId: string) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['findings', organizationId, engagementId, 'control', controlId],
    queryFn: () =>
      api<{ items: Finding[]; total: number }>('GET', `${base}/findings?control=${encodeURIComponent(controlId)}`).then((r) => r.items),
    enabled: controlId !== '',
  });
}

export function useFinding(findingCode: string) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['finding', organizationId, engagementId, findingCode],
    queryFn: () => api<Finding>('GET', findingPath(base, findingCode)),
    enabled: findingCode !== '',
  });
}

/** What a change of findings cannot move: the examination and the controls (findings never feed the forecast). */
const UNMOVED = new Set(['examination', 'controls', 'control', 'test', 'engagement', 'engagements']);

/**
 * Fetches again every query of the engagement a change of its findings can move; `saved`, a finding just as the
 * server answered, is not asked for again.
 */
export async function reloadFindings(client: QueryClient, organizationId: string, engagementId: string, saved?: Finding): Promise<void> {
  await client.invalidateQueries({
    predicate: ({ queryKey }) =>
      queryKey[1] === organizationId &&
      queryKey[2] === engagementId &&
      !UNMOVED.has(String(queryKey[0])) &&
      !(saved && queryKey[0] === 'finding' && queryKey[3] === saved.code),
  });
}

/** A mutation whose answer is a finding: it is cached as saved, then what it moved is fetched again. */
function useFindingMutation<TVariables>(send: (base: string, variables: TVariables) => Promise<Finding>) {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(base, variables),
    onSuccess: (finding) => {
      client.setQueryData(['finding', organizationId, engagementId, finding.code], finding);
      return reloadFindings(client, organizationId, engagementId, finding);
    },
  });
}

/** One finding per deficiency of the current examination (idempotent). */
export function useSyncFindings() {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: () => api<{ created: string[]; reopened: string[]; findings: Finding[] }>('POST', `${base}/findings/sync`),
    onSuccess: () => reloadFindings(client, organizationId, engagementId),
  });
}

export function useCreateFinding() {
  return useFindingMutation((base, finding: NewFinding) => api<Finding>('POST', `${base}/findings`, finding));
}

/** One step of the lifecycle at the version the page read; a refused step is a 409 whose detail gives the reasons. */
export function useTransition() {
  return useFindingMutation((base, { findingCode, version, step }: { findingCode: string; version: number; step: TransitionInput }) =>
    api<Finding>('POST', `${findingPath(base, findingCode)}/transitions`, { version, ...step }),
  );
}

/** Replaces the finding's corrective actions with the whole list. */
export function useSaveCorrectiveActions() {
  return useFindingMutation((base, { findingCode, version, actions }: { findingCode: string; version: number; actions: CorrectiveAction[] }) =>
    api<Finding>('PUT', `${findingPath(base, findingCode)}/corrective-actions`, { version, actions }),
  );
}

export function useRecordRetest() {
  return useFindingMutation((base, { findingCode, version, retest }: { findingCode: string; version: number; retest: RetestInput }) =>
    api<Finding>('POST', `${findingPath(base, findingCode)}/retests`, { version, ...retest }),
  );
}

/**
 * Traces the finding to a root cause, written under its code (an existing code is shared, and rewritten as sent
 * at `rootCauseVersion`, the version read: someone else's change since is refused, not overwritten).
 */
export function useSetRootCause() {
  return useFindingMutation(
    (base, { findingCode, version, rootCause, rootCauseVersion }: { findingCode: string; version: number; rootCause: RootCause; rootCauseVersion?: number }) =>
      api<Finding>('PUT', `${findingPath(base, findingCode)}/root-cause`, { version, ...rootCause, ...(rootCauseVersion !== undefined && { rootCauseVersion }) }),
  );
}

/** The auditor's judgment beside the engine's forecast (finding.judge). */
export function useOverride() {
  return useFindingMutation((base, { findingCode, version, override }: { findingCode: string; version: number; override: OverrideInput }) =>
    api<Finding>('PUT', `${findingPath(base, findingCode)}/override`, { version, ...override }),
  );
}

export function useClearOverride() {
  return useFindingMutation((base, { findingCode, version }: { findingCode: string; version: number }) =>
    api<Finding>('DELETE', `${findingPath(base, findingCode)}/override?version=${version}`),
  );
}
