/**
 * Corrective actions: where every action of the engagement's findings stands today (overdue and due soon first),
 * the burndown towards the plan's target date, and the plan itself with its reminder webhook.
 */
import { Grid, Stack } from '@mantine/core';
import { useRemediation } from '../../api/remediation.js';
import { ActionsTable } from './ActionsTable.js';
import { BurndownChart } from './BurndownChart.js';
import { doneSentence } from './format.js';
import { PlanForm } from './PlanForm.js';
import { useEngagementRoot } from '../../paths.js';
import { SectionCard } from '../../components/SectionCard.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { formatDate } from '../../dates.js';

export function RemediationPage() {
  const remediation = useRemediation();
  const root = useEngagementRoot();
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
            <PlanForm key={plan.version} plan={plan} reload={() => void remediation.refetch()} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={12}>
          <SectionCard size="h3" title="Overdue">
            <ActionsTable label="Overdue corrective actions" actions={actions.filter((a) => a.state === 'overdue')} root={root} days="late" />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={12}>
          <SectionCard size="h3" title="Due soon">
            <ActionsTable label="Corrective actions due soon" actions={actions.filter((a) => a.state === 'due_soon')} root={root} days="left" />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
