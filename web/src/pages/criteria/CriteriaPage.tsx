/**
 * The criteria matrix: every criterion of the engagement's categories against the controls that address it,
 * coloured by status and conclusion, filtered by what the address asks for (`?status=not_met`). Management
 * proposes a criterion not applicable here, with the reason the report will state; the proposal is pending, and
 * counts for nothing, until the auditor (or, without one, an admin) accepts it. Those who manage the engagement
 * may make an accepted one applicable again.
 */
import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { reloadEngagement, useUpdateNotApplicable } from '../../api/dashboard.js';
import { useEngagement, useExamination, useScope } from '../../api/programme.js';
import type { CriterionResult } from '../../api/types.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan, useRole } from '../../components/useRole.js';
import { decisionRefusal } from '@assay/domain/criteria/exclusions.js';
import { useDecideNotApplicable, useNotApplicableProposals, useProposeNotApplicable, type NotApplicableProposal } from '../../api/not-applicable.js';
import { PendingProposals } from './PendingProposals.js';
import { ApiError } from '../../api/client.js';
import { CriteriaFiltersBar } from './CriteriaFilters.js';
import { CriteriaTable } from './CriteriaTable.js';
import { filterCriteria, filtersToParams, namedCriterion, readFilters, type CriteriaFilters } from './filters.js';
import { NotApplicableModal } from './NotApplicableModal.js';
import { useEngagementRoot } from '../../paths.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';

export function CriteriaPage() {
  const examination = useExamination();
  const engagement = useEngagement();
  const root = useEngagementRoot();
  const { organizationId, engagementId } = useScope();
  const client = useQueryClient();
  const canManage = useCan('engagement.manage');
  const canPropose = useCan('exclusion.propose');
  const role = useRole();
  const update = useUpdateNotApplicable();
  const proposals = useNotApplicableProposals();
  const propose = useProposeNotApplicable();
  const decide = useDecideNotApplicable();
  const mayDecide = useCan('exclusion.decide') && role !== null && proposals.data !== undefined && decisionRefusal(role, proposals.data.hasAuditor) === null;
  const proposed = useMemo(
    () => new Set((proposals.data?.proposals ?? []).filter((p) => p.status === 'pending').map((p) => p.criterion)),
    [proposals.data],
  );
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [marking, setMarking] = useState<CriterionResult | null>(null);

  const criteria = useMemo(() => examination.data?.criteria ?? [], [examination.data]);
  const rows = useMemo(() => filterCriteria(criteria, filters), [criteria, filters]);
  const controls = useMemo(() => new Map((examination.data?.controls ?? []).map((c) => [c.id, c])), [examination.data]);
  const reasons = useMemo(
    () => new Map((engagement.data?.notApplicable ?? []).map((item) => [item.criterion, item.reason])),
    [engagement.data],
  );
  // A criterion the address names exactly (a link from the dashboard) opens with its reasons shown.
  const named = namedCriterion(criteria, filters);
  const expanded = useMemo(() => {
    const open = new Set(toggled);
    if (named) {
      if (open.has(named)) open.delete(named);
      else open.add(named);
    }
    return open;
  }, [toggled, named]);

  const setFilters = (next: CriteriaFilters) => setParams(filtersToParams(next), { replace: true });
  const toggle = (id: string) =>
    setToggled((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const reload = () => void reloadEngagement(client, organizationId, engagementId);
  const save = (notApplicable: { criterion: string; reason: string }[], done: string) => {
    if (!engagement.data) return;
    update.mutate(
      { version: engagement.data.version, notApplicable },
      {
        onSuccess: () => {
          setMarking(null);
          notifySaved(done);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) setMarking(null);
          notifyError(error, reload);
        },
      },
    );
  };
  const list = engagement.data?.notApplicable ?? [];
  const mark = (reason: string) =>
    marking &&
    propose.mutate(
      { criterion: marking.id, reason },
      {
        onSuccess: () => {
          notifySaved(`${marking.id} is proposed not applicable: it counts once the auditor accepts it`);
          setMarking(null);
        },
        onError: (error) => notifyError(error, reload),
      },
    );
  const onDecide = (proposal: NotApplicableProposal, decision: 'accept' | 'reject', note: string | null) =>
    decide.mutate(
      { proposal, decision, note },
      {
        onSuccess: () => notifySaved(decision === 'accept' ? `${proposal.criterion} is not applicable` : `${proposal.criterion} stays in scope`),
        onError: (error) => notifyError(error, reload),
      },
    );
  const undo = (criterion: CriterionResult) =>
    save(
      list.filter((item) => item.criterion !== criterion.id),
      `${criterion.id} is applicable again`,
    );

  if (!examination.isSuccess) return pageFallback(examination, { loading: 'Loading the criteria', failed: 'The criteria could not be loaded' });

  return (
    <Stack gap="md">
      <PageHeading title="Criteria">
        Every criterion of the engagement&apos;s categories and the controls that address it. Open a row for the reasons
        behind its status; a control&apos;s badge leads to the control.
      </PageHeading>
      {proposals.data && <PendingProposals data={proposals.data} mayDecide={mayDecide} onDecide={onDecide} pending={decide.isPending} />}
      <CriteriaFiltersBar criteria={criteria} filters={filters} onChange={setFilters} />
      <Text size="sm" c="dimmed" role="status">
        Showing {rows.length} of {criteria.length} criteria
      </Text>
      {rows.length === 0 ? (
        <Text>No criterion matches these filters.</Text>
      ) : (
        <CriteriaTable
          criteria={rows}
          controls={controls}
          root={root}
          expanded={expanded}
          onToggle={toggle}
          notApplicableReasons={reasons}
          proposed={proposed}
          {...((canManage || canPropose) && {
            actions: { canPropose, canUndo: canManage, onMark: setMarking, onUndo: undo, disabled: !engagement.data || update.isPending },
          })}
        />
      )}
      {canPropose && <NotApplicableModal criterion={marking} onClose={() => setMarking(null)} onSubmit={mark} pending={propose.isPending} />}
    </Stack>
  );
}
