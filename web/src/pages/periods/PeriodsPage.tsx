/**
 * Two periods side by side: this engagement against its previous period (or another of the organisation), the
 * earlier first: both opinions, then every criterion and control with the direction of its change. Those who
 * manage engagements open the next period here.
 */
import { Alert, Card, Center, DataList, Group, Loader, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useComparison, type Comparison, type PeriodSummary } from '../../api/periods.js';
import { useEngagement, useEngagements, useScope } from '../../api/programme.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useCan } from '../../components/useRole.js';
import { criteriaHref } from '../criteria/filters.js';
import { ChangeBadge, ComparedTable } from './ComparedTable.js';
import { NextPeriodForm } from './NextPeriodForm.js';
import { controlPage, useEngagementRoot } from '../../paths.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatPeriod } from '../../dates.js';

const dates = (p: Pick<PeriodSummary, 'periodStart' | 'periodEnd'>) => formatPeriod(p.periodStart, p.periodEnd);

export function PeriodsPage() {
  const { organizationId, engagementId } = useScope();
  const [other, setOther] = useState<string | null>(null);
  const engagements = useEngagements(organizationId);
  const engagement = useEngagement();
  const others = (engagements.data ?? []).filter((e) => e.id !== engagementId);
  const comparable = other !== null || Boolean(engagement.data?.previousEngagementId);
  const comparison = useComparison(other, comparable);
  const manages = useCan('engagement.manage');
  const shown = comparison.data ? [comparison.data.before, comparison.data.after].find((p) => p.engagementId !== engagementId) : undefined;
  // Known once the engagement and the organisation's list are read; a previous period since removed answers 404.
  const nothingToCompare = (engagement.data && engagements.data && !comparable) || (other === null && comparison.error instanceof ApiError && comparison.error.status === 404);
  const onlyPeriod = engagements.data !== undefined && others.length === 0;

  return (
    <Stack gap="lg">
      <PageHeading title="Compare periods">
        Each period is examined on its own evidence; a later period never changes an earlier one.
      </PageHeading>
      {!onlyPeriod && (
        <Select
          label="Compare with"
          description="By default, the period this engagement follows."
          placeholder="Choose a period"
          maw={420}
          data={others.map((e) => ({ value: e.id, label: `${e.name} (${dates(e)})` }))}
          value={other ?? shown?.engagementId ?? null}
          onChange={(id) => id && setOther(id)}
          allowDeselect={false}
        />
      )}
      {comparable && comparison.isPending && (
        <Center mih={120}>
          <Loader aria-label="Loading the comparison" />
        </Center>
      )}
      {nothingToCompare && onlyPeriod && (
        <Alert color="gray" title="This is the only period">
          The organisation has one period so far, so there is nothing to compare it with yet.{' '}
          {manages ? 'Open the next period below; once it has its own evidence, compare the two here.' : 'Someone who manages engagements can open the next period.'}
        </Alert>
      )}
      {nothingToCompare && !onlyPeriod && (
        <Alert color="gray" title="No previous period">
          This engagement was not opened from a previous period. Choose another period to compare with
          {manages ? ', or open the next period below' : ''}.
        </Alert>
      )}
      {comparison.isError && !nothingToCompare && (
        <Alert color="red" title="The comparison could not be loaded">
          {comparison.error.message}
        </Alert>
      )}
      {comparison.data && <Periods comparison={comparison.data} current={engagementId} />}
      {manages && engagement.data && <NextPeriodForm current={engagement.data} />}
    </Stack>
  );
}

function Periods({ comparison, current }: { comparison: Comparison; current: string }) {
  const root = useEngagementRoot();
  const [changedOnly, setChangedOnly] = useState(false);
  const { before, after } = comparison;
  const name = (p: PeriodSummary) => (p.engagementId === current ? `${p.name} (this engagement)` : p.name);
  const keep = <T extends { change: string }>(rows: T[]) => (changedOnly ? rows.filter((r) => r.change !== 'same') : rows);
  const changed = (rows: { change: string }[]) => rows.filter((r) => r.change !== 'same').length;

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {[before, after].map((period, i) => (
          <Card key={period.engagementId} withBorder padding="lg" component="section" aria-label={i === 0 ? 'Earlier period' : 'Later period'}>
            <Stack gap="xs">
              <Text size="xs" tt="uppercase" c="dimmed" fw={700}>
                {i === 0 ? 'Earlier period' : 'Later period'}
              </Text>
              <Title order={2} size="h4">
                {name(period)}
              </Title>
              <Text size="sm" c="dimmed">
                {dates(period)}
              </Text>
              <DataList size="sm" labelWidth="12rem">
                <DataList.Item>
                  <DataList.ItemLabel>Opinion forecast</DataList.ItemLabel>
                  <DataList.ItemValue>
                    <StatusBadge value={period.opinion.overall} size="lg" />
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>Operating effectiveness</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {period.opinion.subjects.operatingEffectiveness ? (
                      <StatusBadge value={period.opinion.subjects.operatingEffectiveness} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        not part of a Type 1 report
                      </Text>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
              </DataList>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <Text size="sm">Opinion from one period to the next:</Text>
        <ChangeBadge change={comparison.opinion.change} />
        <Switch label="Only what changed" checked={changedOnly} onChange={(e) => setChangedOnly(e.currentTarget.checked)} ml="auto" />
      </Group>

      {(
        [
          { title: 'Criteria', what: 'Criterion', rows: comparison.criteria, href: (id: string) => criteriaHref(root, { query: id }) },
          { title: 'Controls', what: 'Control', rows: comparison.controls, href: (id: string) => controlPage(root, id) },
        ] as const
      ).map((part) => (
        <Stack key={part.title} gap="xs" component="section" aria-label={part.title}>
          <Title order={2} size="h3">
            {part.title}
          </Title>
          <Text size="sm" c="dimmed">{`${changed(part.rows)} of ${part.rows.length} ${part.title.toLowerCase()} changed.`}</Text>
          <ComparedTable
            label={`${part.title} in the two periods`}
            what={part.what}
            rows={keep([...part.rows])}
            beforeName={before.name}
            afterName={after.name}
            href={part.href}
          />
        </Stack>
      ))}
    </Stack>
  );
}
