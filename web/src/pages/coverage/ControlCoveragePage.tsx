/**
 * One control's calendar: every window the period requires, evidenced (with the evidence covering it) or
 * missing; whether its occurrences are tracked at all, and why not when they are not.
 */
import { Alert, Anchor, Card, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useControlCoverage, useEvidenceDownload, type ControlCoverageView, type OccurrenceView } from '../../api/coverage.js';
import { Id } from '../../components/Id.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { SectionTrail } from '../../components/SectionTrail.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { formatPeriod } from '../../dates.js';
import { frequencyLabel } from '../../labels.js';
import { controlPage, useEngagementRoot } from '../../paths.js';
import { coverageSummary, occurrenceDates } from './calendar.js';

export function ControlCoveragePage() {
  const { controlId = '' } = useParams();
  const coverage = useControlCoverage(controlId);
  const root = useEngagementRoot();
  const data = coverage.data;
  return (
    <Stack gap="lg">
      <SectionTrail root={root} section="coverage" sectionTitle="Coverage" item={controlId} />
      <PageHeading title={data ? `${data.control} ${data.title}` : controlId}>
        {data
          ? `${frequencyLabel(data.frequency)} · ${formatPeriod(data.periodStart, data.periodEnd)} · ${coverageSummary(data)}`
          : 'Period coverage'}
      </PageHeading>
      {pageFallback(coverage, { loading: 'Loading the coverage', failed: 'The coverage could not be loaded' })}
      {data && (
        <>
          <Anchor component={Link} to={controlPage(root, data.control)} size="sm">
            The control, its test and conclusion
          </Anchor>
          <Explanation coverage={data} />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            {data.occurrences.map((o) => (
              <OccurrenceCard key={o.from} occurrence={o} records={data.evidenceRecords} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Explanation({ coverage }: { coverage: ControlCoverageView }) {
  if (!coverage.periodic) {
    return (
      <Alert color="gray" title="Not periodic">
        An event-driven or automated control owes no occurrence per window; its test samples its population instead.
      </Alert>
    );
  }
  if (coverage.occurrences.length > 0 && !coverage.tracked) {
    return (
      <Alert color="gray" title="Not tracked by evidence yet">
        No evidence for this control states a period it covers, so no window counts as missing. Once some does, every window
        without evidence is missing and counts as a deviation in the examination.
      </Alert>
    );
  }
  if (coverage.missing.length > 0) {
    return (
      <Alert color="red" title="Missing occurrences">
        No evidence covers {coverage.missing.join(', ')}: each counts as a deviation in the control's test.
      </Alert>
    );
  }
  return null;
}

function OccurrenceCard({ occurrence, records }: { occurrence: OccurrenceView; records: ControlCoverageView['evidenceRecords'] }) {
  const covering = records.filter((r) => occurrence.evidence.includes(r.id));
  const download = useEvidenceDownload();
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Occurrence ${occurrence.label}`} data-status={occurrence.status}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text fw={600}>
            <Id>{occurrence.label}</Id>
          </Text>
          <StatusBadge value={occurrence.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {occurrenceDates(occurrence)}
        </Text>
        {covering.length > 0 && (
          <List size="sm" spacing={2}>
            {covering.map((r) => (
              <List.Item key={r.id}>
                <Anchor href={download(r.id)} download={r.fileName} size="sm">
                  {r.fileName}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}
