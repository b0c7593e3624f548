/**
 * Corrective actions: where every action of the engagement's findings stands today (soonest due first), filtered
 * to the open, overdue or done ones (`?show=`), the burndown towards the plan's target date, and the plan itself
 * with its reminder webhook.
 */
import { Grid, SegmentedControl, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useRemediation } from '../../api/remediation.js';
import { ActionsTable } from './ActionsTable.js';
import { BurndownChart } from './BurndownChart.js';
import { ACTION_FILTERS, FILTER_LABELS, actionFilterOf, doneSentence, filterActions, type ActionFilter } from './format.js';
import { PlanForm } from './PlanForm.js';
import { useEngagementRoot } from '../../paths.js';
import { SectionCard } from '../../components/SectionCard.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { formatDate } from '../../dates.js';

export function RemediationPage() {
  const remediation = useRemediation();
  const root = useEngagementRoot();
  const [params, setParams] = useSearchParams();
  const filter = actionFilterOf(params.get('show'));
  const show = (next: ActionFilter) => setParams(next === 'all' ? {} : { show: next }, { replace: true });
  if (!remediation.isSuccess) return pageFallback(remediation, { loading: 'Loading the corrective actions', failed: 'The corrective actions could not be loaded' });
  const { plan, today, actions, counts, burndown } = remediation.data;
  return (
    <Stack gap="lg">
      <PageHeading title="Corrective actions">
        {doneSentence(counts)} · {counts.overdue} overdue · {counts.dueSoon} due within {plan.dueSoonDays} days · today is {formatDate(today)}
      </PageHeading>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <SectionCard size="h3" title="Burndown">
            <BurndownChart chart={burndown} today={today} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SectionCard size="h3" title="Plan">
            {/* A new version (saved here, or someone else's) starts the form afresh from it. */}
            <PlanForm key={plan.version} plan={plan} due={counts.overdue + counts.dueSoon} reload={() => void remediation.refetch()} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={12}>
          <SectionCard
            size="h3"
            title="All corrective actions"
            aside={
              <SegmentedControl
                size="xs"
                aria-label="Show"
                value={filter}
                onChange={(value) => show(actionFilterOf(value))}
                data={ACTION_FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] }))}
              />
            }
          >
            <ActionsTable
              label={filter === 'all' ? 'Corrective actions' : `${FILTER_LABELS[filter]} corrective actions`}
              actions={filterActions(actions, filter)}
              root={root}
              empty={filter === 'all' ? 'No corrective action is planned yet.' : `No ${FILTER_LABELS[filter].toLowerCase()} corrective action.`}
            />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
