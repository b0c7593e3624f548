/**
 * The dashboard: where the report stands at a glance. The forecast opinion with its basis, what changed since
 * last week, readiness per series, deficiencies by severity and the forecast over time; every criterion,
 * control and deficiency behind them is a link away.
 */
import { Grid, Skeleton, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useExaminationChanges, useExaminationHistory } from '../../api/dashboard.js';
import { useExamination } from '../../api/programme.js';
import type { ExaminationResult } from '../../api/types.js';
import { AfterRemediationCard } from './AfterRemediationCard.js';
import { ChangesCard } from './ChangesCard.js';
import { DeficienciesCard } from './DeficienciesCard.js';
import { EmptyEngagement } from './EmptyEngagement.js';
import { OpinionCard } from './OpinionCard.js';
import { MonitoringHealthCard } from './MonitoringHealthCard.js';
import { useEngagementRoot } from '../../paths.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { formatPeriod } from '../../dates.js';

// The charts library is most of the page's code: the cards with charts load after the opinion is on screen.
const ReadinessCard = lazy(() => import('./ReadinessCard.js').then((m) => ({ default: m.ReadinessCard })));
const TrendCard = lazy(() => import('./TrendCard.js').then((m) => ({ default: m.TrendCard })));
const BurndownCard = lazy(() => import('./BurndownCard.js').then((m) => ({ default: m.BurndownCard })));
const chartPlaceholder = <Skeleton height={320} aria-label="Loading the chart" />;

function period(result: ExaminationResult): string {
  return result.reportType === 'type1'
    ? `Type 1 report ${formatPeriod(null, result.periodEnd)}`
    : `Type 2 report for ${formatPeriod(result.periodStart, result.periodEnd)}`;
}

export function DashboardPage() {
  const examination = useExamination();
  const history = useExaminationHistory();
  // Asked for with the examination, not after it: the opinion card never waits for it, and it rarely waits.
  const changes = useExaminationChanges();
  const root = useEngagementRoot();

  if (!examination.isSuccess) return pageFallback(examination, { loading: 'Loading the examination', failed: 'The examination could not be loaded' });
  const result = examination.data;
  if (result.controls.length === 0) return <EmptyEngagement result={result} root={root} />;

  return (
    <Stack gap="lg">
      <PageHeading title="Dashboard">
        {result.organization} · {result.system} · {period(result)}
      </PageHeading>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <OpinionCard result={result} root={root} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChangesCard changes={changes.data} error={changes.error} root={root} />
        </Grid.Col>
        <Grid.Col span={12}>
          <MonitoringHealthCard root={root} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Suspense fallback={chartPlaceholder}>
            <ReadinessCard result={result} root={root} />
          </Suspense>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DeficienciesCard result={result} root={root} />
        </Grid.Col>
        <Grid.Col span={12}>
          <AfterRemediationCard root={root} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Suspense fallback={chartPlaceholder}>
            <TrendCard history={history.data?.items} error={history.error} />
          </Suspense>
        </Grid.Col>
        <Grid.Col span={12}>
          <Suspense fallback={chartPlaceholder}>
            <BurndownCard root={root} />
          </Suspense>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
