/** A check's trend: failing items and population over its runs. */
import { LineChart } from '@mantine/charts';
import { Box, Text } from '@mantine/core';
import type { CheckRun } from '../../api/checks.js';
import { formatShortMoment } from '../../dates.js';
import { describeTrend, trendOf } from './trend.js';

export function CheckTrend({ runs }: { runs: CheckRun[] }) {
  const points = trendOf(runs);
  if (points.length < 2) return <Text size="sm" c="dimmed">The trend shows once the check has run twice.</Text>;
  return (
    <Box role="img" aria-label={describeTrend(points)}>
      <LineChart
        h={160}
        data={points.map((p) => ({ ...p, at: formatShortMoment(p.ranAt) }))}
        dataKey="at"
        series={[
          { name: 'failures', label: 'Failing items', color: 'red.6' },
          { name: 'population', label: 'Population', color: 'gray.5' },
        ]}
      />
    </Box>
  );
}
