/** The burndown: corrective actions remaining against the ideal straight line to none at the target date. */
import { LineChart } from '@mantine/charts';
import { Box, Text } from '@mantine/core';
import type { Burndown } from '../../api/remediation.js';
import { formatDate } from '../../dates.js';

const dateOf = formatDate;
const actions = (n: number) => `${n} corrective action${n === 1 ? '' : 's'}`;

/** The chart in words, for screen readers (and anyone who prefers a sentence). */
export function describeBurndown(chart: Burndown, today: string): string {
  const first = chart.points[0];
  const last = chart.points.at(-1);
  if (!first || !last) return '';
  const known = chart.points.filter((p) => p.remaining !== null);
  const now = known.at(-1);
  return [
    `Burndown from ${dateOf(first.date)} to ${dateOf(last.date)}.`,
    `${actions(first.remaining ?? 0)} at the start`,
    now ? `, ${now.remaining} remaining on ${dateOf(now.date)}${now.date === today ? ' (today)' : ''}.` : '.',
    chart.target !== null ? ` The ideal line reaches none on the target date, ${dateOf(chart.target)}.` : ' No target date is set.',
  ].join('');
}

export function BurndownChart({ chart, today, height = 240 }: { chart: Burndown; today: string; height?: number }) {
  if (chart.points.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No corrective action is planned yet.
      </Text>
    );
  }
  const data = chart.points.map((p) => ({ ...p, day: dateOf(p.date) }));
  return (
    <Box role="img" aria-label={describeBurndown(chart, today)}>
      <LineChart
        h={height}
        data={data}
        dataKey="day"
        curveType="linear"
        withLegend
        legendProps={{ itemSorter: null }}
        withDots={data.length <= 31}
        series={[
          { name: 'remaining', label: 'Remaining', color: 'indigo.6' },
          { name: 'ideal', label: 'Ideal', color: 'gray.6', strokeDasharray: '5 3' },
        ]}
        yAxisProps={{ allowDecimals: false, width: 40 }}
        accessibilityLayer={false}
      />
    </Box>
  );
}
