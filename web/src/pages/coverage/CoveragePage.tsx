/**
 * Period coverage of the whole engagement: each periodic control with its occurrences over the period (the
 * controls with a missing occurrence first), evidenced or missing, each control leading to its own calendar.
 */
import { Alert, Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useEngagementCoverage, type CoverageRow } from '../../api/coverage.js';
import { Id } from '../../components/Id.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { formatPeriod } from '../../dates.js';
import { frequencyLabel } from '../../labels.js';
import { coveragePage, useEngagementRoot } from '../../paths.js';
import { counted } from '@assay/domain/words.js';
import { calendarRows, coverageSummary } from './calendar.js';
import { OccurrenceCells } from './OccurrenceCells.js';

export function CoveragePage() {
  const coverage = useEngagementCoverage();
  const root = useEngagementRoot();
  const fallback = pageFallback(coverage, { loading: 'Loading the coverage', failed: 'The coverage could not be loaded' });
  const data = coverage.data;
  const rows = data ? calendarRows(data.controls) : { periodic: [], other: [] };
  const missing = rows.periodic.reduce((sum, r) => sum + r.missing.length, 0);

  return (
    <Stack gap="lg">
      <PageHeading title="Period coverage">
        {data ? `${formatPeriod(data.periodStart, data.periodEnd)}. ` : ''}Each periodic control owes an occurrence in every window of the
        period; once evidence for a control states a period it covers, a window no evidence covers is missing and counts as a deviation.
      </PageHeading>
      {fallback}
      {data?.reportType === 'type1' && (
        <Alert color="gray" title="A Type 1 report is as of a date">
          Operation over a period is not examined, so no occurrences are owed.
        </Alert>
      )}
      {data && data.reportType === 'type2' && (
        <Text size="sm" aria-live="polite">
          {missing === 0 ? 'No missing occurrence.' : `${counted(missing, 'missing occurrence')} across the controls tracked by evidence.`}
        </Text>
      )}
      {data?.reportType === 'type2' && rows.periodic.map((row) => <ControlRow key={row.control} row={row} href={coveragePage(root, row.control)} />)}
      {rows.other.length > 0 && (
        <Text size="sm" c="dimmed">
          Not periodic (event-driven or automated), so no occurrences owed: {rows.other.map((r) => r.control).join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

function ControlRow({ row, href }: { row: CoverageRow; href: string }) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={`${row.control} coverage`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Anchor component={Link} to={href} fw={600}>
            <Id>{row.control}</Id> {row.title}
          </Anchor>
          <Text size="sm" c={row.missing.length > 0 ? 'red' : 'dimmed'}>
            {frequencyLabel(row.frequency)} · {coverageSummary(row)}
          </Text>
        </Group>
        {/* Untracked, every window reads the same: the summary says it once. */}
        {row.tracked && <OccurrenceCells occurrences={row.occurrences} />}
      </Stack>
    </Card>
  );
}
