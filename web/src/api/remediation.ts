/**
 * The corrective action plan: every action of the engagement's findings with its standing today, the counts, the
 * burndown, and the plan's settings. Keyed under the findings' part, so a change of a finding (see findings.ts)
 * brings it up to date.
 */
import type { PlanInput, PlannedAction, ReminderOutcome, RemediationView as RemediationPage, VersionedPlan } from '@assay/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api } from './client.js';
import { keys } from './keys.js';
import { useScope } from './programme.js';

export type { PlannedAction, ReminderOutcome, VersionedPlan };
/** The plan with every action: the pages put together. */
export type RemediationView = Omit<RemediationPage, 'total' | 'limit' | 'offset'>;
export type ActionCounts = RemediationView['counts'];
export type Burndown = RemediationView['burndown'];

/** The plan with every action (page after page; the counts and the burndown come whole with each). */
export function useRemediation() {
  const { organizationId, engagementId, urls } = useScope();
  return useQuery({
    queryKey: keys.remediation(organizationId, engagementId),
    queryFn: async (): Promise<RemediationView> => {
      const { first, items } = await allPages<RemediationPage, PlannedAction>(urls.remediation, (page) => page.actions);
      return { plan: first.plan, today: first.today, actions: items, counts: first.counts, burndown: first.burndown };
    },
    enabled: Boolean(organizationId && engagementId),
  });
}

/** Saves the plan at the version the page read (a stale one is refused with 409). */
export function useUpdatePlan() {
  const client = useQueryClient();
  const { organizationId, engagementId, urls } = useScope();
  return useMutation({
    mutationFn: (plan: PlanInput) => api<VersionedPlan>('PUT', urls.remediationPlan, plan),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.remediation(organizationId, engagementId) }),
  });
}

/** POSTs the reminder to the plan's webhook now. */
export function useSendReminders() {
  const { urls } = useScope();
  return useMutation({ mutationFn: () => api<ReminderOutcome>('POST', urls.reminders, {}) });
}
