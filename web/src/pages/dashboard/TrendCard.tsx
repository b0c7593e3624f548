/** The forecast over time: the opinion as a step line, and the counts that move it. */
import { LineChart } from '@mantine/charts';
import { Alert, Box, Card, Loader, Stack, Text, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { OPINION_KINDS } from '@assay/domain/evaluation/result.js';
import type { HistoryPoint } from '../../api/dashboard.js';
import { statusColour } from '../../components/StatusBadge.js';
import { trendPoints, type TrendPoint } from './history.js';
import { statusLabel } from '../../labels.js';
import { formatDate, formatShortMoment } from '../../dates.js';


const opinionName = (rank: number) => statusLabel(OPINION_KINDS[rank] ?? '');

function describe(points: TrendPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return '';
  return (
    `Line chart of ${points.length} results from ${formatDate(first.takenAt)} to ${formatDate(last.takenAt)}. ` +
    `The forecast opinion went from ${statusLabel(first.opinionName)} to ${statusLabel(last.opinionName)}; ` +
    `criteria not met from ${first.notMet} to ${last.notMet}; material weaknesses from ${first.materialWeaknesses} to ${last.materialWeaknesses}.`
  );
}

export function TrendCard({ history, error }: { history: HistoryPoint[] | undefined; error: Error | null }) {
  const headingId = useId();
  const points = useMemo(() => trendPoints(history ?? []), [history]);
  const data = points.map((point) => ({ ...point, at: formatShortMoment(point.takenAt) }));

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          Forecast over time
        </Title>
        {error ? (
          <Alert color="red" title="The history could not be loaded">
            {error.message}
          </Alert>
        ) : !history ? (
          <Loader size="sm" aria-label="Loading the history" />
        ) : points.length === 0 ? (
          <Text size="sm" c="dimmed">
            No result has been kept yet.
          </Text>
        ) : (
          <Box role="img" aria-label={describe(points)}>
            <Stack gap="xs">
              <Text size="sm" fw={500} aria-hidden>
                Forecast opinion
              </Text>
              <LineChart
                h={170}
                data={data}
                dataKey="at"
                curveType="stepAfter"
                series={[{ name: 'opinion', label: 'Opinion', color: 'indigo.6' }]}
                yAxisProps={{ domain: [0, OPINION_KINDS.length - 1], ticks: OPINION_KINDS.map((_, rank) => rank), tickFormatter: opinionName, width: 90 }}
                valueFormatter={opinionName}
                accessibilityLayer={false}
              />
              <Text size="sm" fw={500} aria-hidden>
                Criteria and material weaknesses
              </Text>
              <LineChart
                h={170}
                data={data}
                dataKey="at"
                curveType="linear"
                withLegend
                legendProps={{ itemSorter: null }}
                series={[
                  { name: 'notMet', label: 'Criteria not met', color: `${statusColour('not_met')}.6` },
                  { name: 'unableToConclude', label: 'Unable to conclude', color: `${statusColour('unable_to_conclude')}.6` },
                  // Dashed and darker: material weaknesses are red like criteria not met.
                  { name: 'materialWeaknesses', label: 'Material weaknesses', color: `${statusColour('material_weakness')}.9`, strokeDasharray: '5 3' },
                ]}
                yAxisProps={{ allowDecimals: false, width: 90 }}
                accessibilityLayer={false}
              />
            </Stack>
          </Box>
        )}
      </Stack>
    </Card>
  );
}
