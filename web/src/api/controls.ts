/**
 * Controls, their tests and samples, and a control's history: the server state of the controls, control and
 * sampling pages.
 *
 * Every change invalidates what it can move: the control, its test, the controls list (conclusions), the
 * examination (and with it the dashboard's forecast and history) and the history of changes.
 */
import type {
  AuditEvent,
  Control,
  ControlChanges,
  ControlInput,
  ControlTest,
  ListedControl,
  Paged,
  RecordedSample,
  Sample,
  SampleChanges,
  TestEvidence,
  TestInput,
} from '@assay/contract';
import { ownedBy, type SampleResult } from '@assay/domain';
import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { api, ApiError, everyItem } from './client.js';
import { keys } from './keys.js';
import { withQuery, type EngagementApi } from './paths.js';
import { useScope } from './programme.js';

export type { AuditEvent, Control, ControlChanges, ControlInput, ControlTest, ListedControl, RecordedSample, Sample, SampleChanges, SampleResult, TestEvidence, TestInput };

/** How many of a control's latest events its page shows. */
export const HISTORY_LIMIT = 100;

/**
 * Whether the signed-in person owns the control, by the rule the server applies (the domain's `ownedBy`), so
 * the page offers exactly what the server allows.
 */
export function ownsControl(control: Pick<Control, 'owner'> | null | undefined, email: string | null | undefined): boolean {
  return Boolean(control && ownedBy(control, email));
}

/**
 * Every control of the engagement in use (or, `archived`, only those archived), in its order, with its
 * conclusion: page after page up to the total.
 */
export function useControls(archived = false) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.controls(organizationId, engagementId, archived),
    queryFn: () => everyItem<ListedControl>(withQuery(urls.controls, { archived: archived ? 'only' : null })),
  });
}

export function useControl(controlId: string) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.control(organizationId, engagementId, controlId),
    queryFn: () => api<Control>('GET', urls.control(controlId)),
    enabled: controlId !== '',
  });
}

/** The control's test, or null when it has none yet. */
export function useControlTest(controlId: string | null) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.test(organizationId, engagementId, controlId ?? ''),
    queryFn: async (): Promise<ControlTest | null> => {
      try {
        return await api<ControlTest>('GET', urls.test(controlId ?? ''));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: controlId !== null && controlId !== '',
  });
}

/** The control's latest events and those of its test and samples, newest first (`audit.read` only). */
export function useControlHistory(controlId: string, enabled: boolean) {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.controlHistory(organizationId, engagementId, controlId),
    queryFn: () => api<Paged<AuditEvent>>('GET', withQuery(urls.controlHistory(controlId), { limit: HISTORY_LIMIT })),
    enabled: enabled && controlId !== '',
  });
}

/** Fetches again everything a change of a control, its test or samples can move. */
export async function reloadControl(client: QueryClient, organizationId: string, engagementId: string, controlId: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: keys.control(organizationId, engagementId, controlId) }),
    client.invalidateQueries({ queryKey: keys.test(organizationId, engagementId, controlId) }),
    client.invalidateQueries({ queryKey: keys.controls(organizationId, engagementId) }),
    client.invalidateQueries({ queryKey: keys.examination(organizationId, engagementId) }),
    client.invalidateQueries({ queryKey: keys.audit(organizationId) }),
  ]);
}

/**
 * A mutation on one control whose success reloads what it moved. `apply` puts the answer into the cache first,
 * so what the person just did shows at once rather than after the reload.
 */
function useControlMutation<TVariables extends { controlId: string }, TResult>(
  send: (urls: EngagementApi, variables: TVariables) => Promise<TResult>,
  apply?: (client: QueryClient, testKey: QueryKey, result: TResult) => void,
) {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(urls, variables),
    onSuccess: (result, variables) => {
      apply?.(client, keys.test(organizationId, engagementId, variables.controlId), result);
      return reloadControl(client, organizationId, engagementId, variables.controlId);
    },
  });
}

/** The cached test with a sample as the server recorded it (added after the others when new). */
function applySample(client: QueryClient, testKey: QueryKey, recorded: RecordedSample): void {
  client.setQueryData<ControlTest | null>(testKey, (test) => {
    if (!test) return test;
    const sample: Sample = { item: recorded.item, result: recorded.result, note: recorded.note };
    const known = test.samples.some((s) => s.item === sample.item);
    return {
      ...test,
      version: recorded.testVersion,
      samples: known ? test.samples.map((s) => (s.item === sample.item ? sample : s)) : [...test.samples, sample],
      // An item not yet tested becomes a sample once its result is recorded.
      untested: test.untested.filter((item) => item !== sample.item),
    };
  });
}

/** The cached test replaced by the one the server recorded. */
function applyTest(client: QueryClient, testKey: QueryKey, test: ControlTest): void {
  client.setQueryData<ControlTest | null>(testKey, test);
}

export function useCreateControl() {
  return useControlMutation((urls, { control }: { controlId: string; control: ControlInput }) =>
    api<Control>('POST', urls.controls, control),
  );
}

/** Changes a control at the version the page read (a stale one: 409). */
export function useUpdateControl() {
  return useControlMutation((urls, { controlId, version, changes }: { controlId: string; version: number; changes: ControlChanges }) =>
    api<Control>('PATCH', urls.control(controlId), { version, ...changes }),
  );
}

/**
 * Records the control's test over the one it has, keeping its recorded results unless the request says otherwise
 * (`change`: a confirmed replacement of a test without results, or a new test version; 409 names what would be
 * lost). Stating or changing the population needs evidence.manage besides test.record: an auditor sends the
 * population as it stands.
 */
export function usePutTest() {
  return useControlMutation((urls, { controlId, test }: { controlId: string; test: TestInput }) =>
    api<ControlTest>('PUT', urls.test(controlId), test),
    applyTest,
  );
}

/** States the test's population alone (evidence.manage: the programme's managers, or the control's owner). */
export function useSetPopulation() {
  return useControlMutation((urls, { controlId, version, evidence }: { controlId: string; version: number; evidence: TestEvidence }) =>
    api<ControlTest>('PUT', urls.population(controlId), { version, ...evidence }),
    applyTest,
  );
}

/**
 * Adds a sample. No version is sent: the server checks the item is new and the population not yet sampled in
 * full in the same transaction, so two people adding different items do not refuse each other.
 */
export function useAddSample() {
  return useControlMutation((urls, { controlId, sample }: { controlId: string; sample: Sample }) =>
    api<RecordedSample>('POST', urls.samples(controlId), sample),
    applySample,
  );
}

/**
 * Records a sample's result or note. No version is sent: the change names its item and touches nothing else,
 * so recording one row never fails because another row was recorded a moment before.
 */
export function useUpdateSample() {
  return useControlMutation(
    (urls, { controlId, item, changes }: { controlId: string; item: string; changes: SampleChanges }) =>
      api<RecordedSample>('PATCH', urls.sample(controlId, item), changes),
    applySample,
  );
}

/** Archives the control at the version the page read: out of the examination, its work kept read-only. */
export function useArchiveControl() {
  return useControlMutation((urls, { controlId, version }: { controlId: string; version: number }) =>
    api<Control>('DELETE', withQuery(urls.control(controlId), { version })),
  );
}

/** Brings an archived control back into the examination (`archive.restore`: admins). */
export function useRestoreControl() {
  return useControlMutation((urls, { controlId, version }: { controlId: string; version: number }) =>
    api<Control>('POST', urls.restoreControl(controlId), { version }),
  );
}
