/**
 * Readiness: criteria per status, stacked per criterion series (or per category). The chart is a picture of
 * the table beneath it, which holds the same numbers for people who do not see the chart.
 */
import { BarChart } from '@mantine/charts';
import { Anchor, Box, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { percent } from '@assay/domain/format.js';
import { readinessOf } from '@assay/domain/readiness/series.js';
import type { Category } from '@assay/domain/criteria/catalogue.js';
import { CRITERION_STATUSES, type CriterionStatus } from '@assay/domain/evaluation/result.js';
import type { ExaminationResult } from '../../api/types.js';
import { statusColour } from '../../components/StatusBadge.js';
import { criteriaHref } from '../criteria/filters.js';
import { readinessBy, readinessTotal, type ReadinessGrouping, type ReadinessRow } from './readiness.js';
import { categoryLabel, statusLabel } from '../../labels.js';

/** Column headings, short enough for a tablet. */
const HEADINGS: Record<CriterionStatus, string> = {
  met: 'Met',
  met_with_exceptions: 'Exceptions',
  unable_to_conclude: 'Unable to conclude',
  not_met: 'Not met',
  not_applicable: 'N/A',
};

/**
 * Columns a phone leaves out so the table fits without scrolling sideways; the total still counts them, and the
 * chart above and the criteria page show them.
 */
const SECONDARY: ReadonlySet<CriterionStatus> = new Set(['unable_to_conclude', 'not_applicable']);
const column = (status: CriterionStatus) => (SECONDARY.has(status) ? ({ visibleFrom: 'sm' } as const) : {});

/** The bars, in the order they stack (met at the base), coloured as StatusBadge colours each status. */
const SERIES = CRITERION_STATUSES.map((status) => ({ name: status, label: statusLabel(status), color: `${statusColour(status)}.6` }));

function describe(rows: ReadinessRow[], grouping: ReadinessGrouping): string {
  const total = readinessTotal(rows);
  const counts = CRITERION_STATUSES.filter((s) => total[s] > 0).map((s) => `${total[s]} ${statusLabel(s)}`);
  return `Stacked bar chart of ${total.total} criteria in ${rows.length} ${grouping === 'series' ? 'series' : 'categories'}: ${counts.join(', ')}. The numbers per ${grouping} are in the table below.`;
}

export function ReadinessCard({ result, root }: { result: ExaminationResult; root: string }) {
  const headingId = useId();
  const [grouping, setGrouping] = useState<ReadinessGrouping>('series');
  const rows = useMemo(() => readinessBy(result.criteria, grouping), [result.criteria, grouping]);
  const total = readinessTotal(rows);
  const readiness = readinessOf(result.criteria);
  const label = (group: string) => (grouping === 'series' ? group : categoryLabel(group));
  const groupHref = (group: string) =>
    criteriaHref(root, grouping === 'series' ? { series: [group] } : { categories: [group as Category] });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              Readiness
            </Title>
            <Text size="sm" c="dimmed">
              {readiness.share === null
                ? 'No criterion applies.'
                : `${readiness.met} of ${readiness.inScope} applicable criteria met (${percent(readiness.share)})`}
            </Text>
          </Stack>
          <SegmentedControl
            size="xs"
            aria-label="Group readiness by"
            value={grouping}
            onChange={(value) => setGrouping(value as ReadinessGrouping)}
            data={[
              { value: 'series', label: 'By series' },
              { value: 'category', label: 'By category' },
            ]}
          />
        </Group>
        <Box role="img" aria-label={describe(rows, grouping)}>
          <BarChart
            h={260}
            data={rows.map((row) => ({ ...row, group: label(row.group) }))}
            dataKey="group"
            type="stacked"
            series={SERIES}
            withLegend
            legendProps={{ verticalAlign: 'bottom', itemSorter: null }}
            accessibilityLayer={false}
            tickLine="y"
            yAxisProps={{ allowDecimals: false }}
          />
        </Box>
        <Table.ScrollContainer minWidth={300}>
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Caption>Criteria per {grouping === 'series' ? 'series' : 'category'} and status</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{grouping === 'series' ? 'Series' : 'Category'}</Table.Th>
                {CRITERION_STATUSES.map((status) => (
                  <Table.Th key={status} scope="col" ta="right" {...column(status)}>
                    {HEADINGS[status]}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  Total
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.group}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={groupHref(row.group)} size="sm">
                      {label(row.group)}
                    </Anchor>
                  </Table.Th>
                  {CRITERION_STATUSES.map((status) => (
                    <Table.Td key={status} ta="right" {...column(status)}>
                      {row[status]}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{row.total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">All</Table.Th>
                {CRITERION_STATUSES.map((status) => (
                  <Table.Td key={status} ta="right" fw={600} {...column(status)}>
                    {total[status]}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {total.total}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" hiddenFrom="sm">
          The total counts the criteria unable to conclude and not applicable too.
        </Text>
      </Stack>
    </Card>
  );
}
