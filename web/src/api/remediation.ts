/**
 * The corrective action plan: every action of the engagement's findings with its standing today, the counts, the
 * burndown, and the plan's settings. Keyed under the engagement, so a change of a finding (which reloads the
 * engagement's queries, see findings.ts) brings it up to date.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionCounts,
  Burndown,
  PlannedAction,
  RemediationPlan,
  RemediationView,
  ReminderOutcome,
  VersionedPlan,
} from '../../../src/domain/remediation/index.js';
import { allPages, api } from './client.js';
import { useScope } from './programme.js';

export type { ActionCounts, Burndown, PlannedAction, RemediationPlan, RemediationView, ReminderOutcome, VersionedPlan };


const key = (organizationId: string, engagementId: string) => ['remediation', organizationId, engagementId];

/** The plan with every action (page after page; the counts and the burndown come whole with each). */
export function useRemediation() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: key(organizationId, engagementId),
    queryFn: async (): Promise<RemediationView> => {
      const { first, items } = await allPages<RemediationView & { total: number }, PlannedAction>(`${base}/remediation`, (page) => page.actions);
      return { plan: first.plan, today: first.today, actions: items, counts: first.counts, burndown: first.burndown };
    },
    enabled: Boolean(organizationId && engagementId),
  });
}

/** Saves the plan at the version the page read (a stale one is refused with 409). */
export function useUpdatePlan() {
  const client = useQueryClient();
  const { organizationId, engagementId, base } = useScope();
  return useMutation({
    mutationFn: (plan: VersionedPlan) => api<VersionedPlan>('PUT', `${base}/remediation/plan`, plan),
    onSuccess: () => client.invalidateQueries({ queryKey: key(organizationId, engagementId) }),
  });
}

/** POSTs the reminder to the plan's webhook now. */
export function useSendReminders() {
  const { base } = useScope();
  return useMutation({ mutationFn: () => api<ReminderOutcome>('POST', `${base}/remediation/reminders`, {}) });
}
