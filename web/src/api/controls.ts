/**
 * Controls, their tests and samples, and a control's history: the server state of the controls, control and
 * sampling pages. The shapes mirror the server's response schemas (src/server/routes/controls/schemas.ts,
 * src/server/routes/audit/schemas.ts).
 *
 * Every change invalidates what it can move: the control, its test, the controls list (conclusions), the
 * examination (and with it the dashboard's forecast and history) and the history of changes.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  Control as DomainControl,
  ControlTest as DomainControlTest,
  Sample,
  SampleResult,
} from '../../../src/domain/engagement.js';
import { ownedBy } from '../../../src/domain/controls/rules.js';
import type { ControlConclusion } from '../../../src/domain/evaluation/result.js';
import { api, ApiError, everyItem } from './client.js';
import { useScope } from './programme.js';
import type { Paged } from './types.js';

export type { Sample, SampleResult };

/** A control as the API sends it: the domain's control with the version to send back with a change. */
export interface Control extends DomainControl {
  version: number;
  /** Since when the control is archived (read-only, out of the examination); null while in use. */
  archivedAt: string | null;
}

export interface ListedControl extends Control {
  /** The engine's conclusion in the engagement's current state (null for a control added since). */
  conclusion: ControlConclusion | null;
}

/** What creating a control sends: everything but the version. */
export type ControlInput = DomainControl;

/** What changing a control sends besides its version: the fields given are changed; the id never is. */
export type ControlChanges = Partial<Omit<DomainControl, 'id'>>;

export interface ControlTest extends DomainControlTest {
  version: number;
}

/** What PUT …/test sends: the whole test, and the version of the one it replaces (none for a new test). */
export type TestInput = Omit<ControlTest, 'control' | 'version'> & { version?: number };

/** The organisation's part of a test (evidence.manage): its population, or why it could not be produced. */
export type TestEvidence = Pick<ControlTest, 'populationSize' | 'scopeLimitation'>;

export interface RecordedSample extends Sample {
  control: string;
  /** The test's version after the change. */
  testVersion: number;
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  /** `user:<email>`, `user:<email> via token:<name> (<id>)` (older events: `token:<name> (<id>)`) or `operator:cli`. */
  actor: string;
  type: string;
  subject: string;
  before: unknown;
  after: unknown;
  /** True when the list left `before` and `after` out (too large to list; the event alone has them). */
  payloadOmitted?: boolean;
}

/** How many of a control's latest events its page shows. */
export const HISTORY_LIMIT = 100;

/** The path of a control under the engagement: its id is URL-encoded (ids like `IT/01` exist). */
export function controlPath(base: string, controlId: string): string {
  return `${base}/controls/${encodeURIComponent(controlId)}`;
}

/**
 * Whether the signed-in person owns the control, by the rule the server applies (the domain's `ownedBy`), so
 * the page offers exactly what the server allows.
 */
export function ownsControl(control: Pick<DomainControl, 'owner'> | null | undefined, email: string | null | undefined): boolean {
  return Boolean(control && ownedBy(control, email));
}

/**
 * Every control of the engagement in use (or, `archived`, only those archived), in its order, with its
 * conclusion: page after page up to the total.
 */
export function useControls(archived = false) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['controls', organizationId, engagementId, archived ? 'archived' : 'in use'],
    queryFn: () => everyItem<ListedControl>(`${base}/controls${archived ? '?archived=only' : ''}`),
  });
}

export function useControl(controlId: string) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['control', organizationId, engagementId, controlId],
    queryFn: () => api<Control>('GET', controlPath(base, controlId)),
    enabled: controlId !== '',
  });
}

/** The control's test, or null when it has none yet. */
export function useControlTest(controlId: string | null) {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['test', organizationId, engagementId, controlId],
    queryFn: async (): Promise<ControlTest | null> => {
      try {
        return await api<ControlTest>('GET', `${controlPath(base, controlId as string)}/test`);
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
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['audit', organizationId, 'control', engagementId, controlId],
    queryFn: () => api<Paged<AuditEvent>>('GET', `${controlPath(base, controlId)}/audit-events?limit=${HISTORY_LIMIT}`),
    enabled: enabled && controlId !== '',
  });
}

/** Fetches again everything a change of a control, its test or samples can move. */
export async function reloadControl(client: QueryClient, organizationId: string, engagementId: string, controlId: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['control', organizationId, engagementId, controlId] }),
    client.invalidateQueries({ queryKey: ['test', organizationId, engagementId, controlId] }),
    client.invalidateQueries({ queryKey: ['controls', organizationId, engagementId] }),
    client.invalidateQueries({ queryKey: ['examination', organizationId, engagementId] }),
    client.invalidateQueries({ queryKey: ['audit', organizationId] }),
  ]);
}

/**
 * A mutation on one control whose success reloads what it moved. `apply` puts the answer into the cache first,
 * so what the person just did shows at once rather than after the reload.
 */
function useControlMutation<TVariables extends { controlId: string }, TResult>(
  send: (base: string, variables: TVariables) => Promise<TResult>,
  apply?: (client: QueryClient, testKey: readonly unknown[], result: TResult) => void,
) {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (variables: TVariables) => send(base, variables),
    onSuccess: (result, variables) => {
      apply?.(client, ['test', organizationId, engagementId, variables.controlId], result);
      return reloadControl(client, organizationId, engagementId, variables.controlId);
    },
  });
}

/** The cached test with a sample as the server recorded it (added after the others when new). */
function applySample(client: QueryClient, testKey: readonly unknown[], recorded: RecordedSample): void {
  client.setQueryData<ControlTest | null>(testKey, (test) => {
    if (!test) return test;
    const sample: Sample = { item: recorded.item, result: recorded.result, note: recorded.note };
    const known = test.samples.some((s) => s.item === sample.item);
    return {
      ...test,
      version: recorded.testVersion,
      samples: known ? test.samples.map((s) => (s.item === sample.item ? sample : s)) : [...test.samples, sample],
    };
  });
}

/** The cached test replaced by the one the server recorded. */
function applyTest(client: QueryClient, testKey: readonly unknown[], test: ControlTest): void {
  client.setQueryData<ControlTest | null>(testKey, test);
}

export function useCreateControl() {
  return useControlMutation((base, { control }: { controlId: string; control: ControlInput }) =>
    api<Control>('POST', `${base}/controls`, control),
  );
}

/** Changes a control at the version the page read (a stale one: 409). */
export function useUpdateControl() {
  return useControlMutation((base, { controlId, version, changes }: { controlId: string; version: number; changes: ControlChanges }) =>
    api<Control>('PATCH', controlPath(base, controlId), { version, ...changes }),
  );
}

/**
 * Records the control's test, replacing the one it has. Stating or changing the population needs
 * evidence.manage besides test.record: an auditor sends the population as it stands.
 */
export function usePutTest() {
  return useControlMutation((base, { controlId, test }: { controlId: string; test: TestInput }) =>
    api<ControlTest>('PUT', `${controlPath(base, controlId)}/test`, test),
    applyTest,
  );
}

/** States the test's population alone (evidence.manage: the programme's managers, or the control's owner). */
export function useSetPopulation() {
  return useControlMutation((base, { controlId, version, evidence }: { controlId: string; version: number; evidence: TestEvidence }) =>
    api<ControlTest>('PUT', `${controlPath(base, controlId)}/test/population`, { version, ...evidence }),
    applyTest,
  );
}

/**
 * Adds a sample. No version is sent: the server checks the item is new and the population not yet sampled in
 * full in the same transaction, so two people adding different items do not refuse each other.
 */
export function useAddSample() {
  return useControlMutation((base, { controlId, sample }: { controlId: string; sample: Sample }) =>
    api<RecordedSample>('POST', `${controlPath(base, controlId)}/test/samples`, sample),
    applySample,
  );
}

/**
 * Records a sample's result or note. No version is sent: the change names its item and touches nothing else,
 * so recording one row never fails because another row was recorded a moment before.
 */
export function useUpdateSample() {
  return useControlMutation(
    (base, { controlId, item, changes }: { controlId: string; item: string; changes: Partial<Pick<Sample, 'result' | 'note'>> }) =>
      api<RecordedSample>('PATCH', `${controlPath(base, controlId)}/test/samples/${encodeURIComponent(item)}`, changes),
    applySample,
  );
}

/** Archives the control at the version the page read: out of the examination, its work kept read-only. */
export function useArchiveControl() {
  return useControlMutation((base, { controlId, version }: { controlId: string; version: number }) =>
    api<Control>('DELETE', `${controlPath(base, controlId)}?version=${version}`),
  );
}

/** Brings an archived control back into the examination (`archive.restore`: admins). */
export function useRestoreControl() {
  return useControlMutation((base, { controlId, version }: { controlId: string; version: number }) =>
    api<Control>('POST', `${controlPath(base, controlId)}/restore`, { version }),
  );
}
