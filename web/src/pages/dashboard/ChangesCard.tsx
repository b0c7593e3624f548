/** "What changed since last week": the latest result against the newest one a week older (or the oldest). */
import { Alert, Anchor, Card, Group, List, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import type { HistoryPoint } from '../../api/dashboard.js';
import { StatusBadge, statusLabel } from '../../components/StatusBadge.js';
import { criteriaHref } from '../criteria/filters.js';
import { changesSinceLastWeek, type CountChange, type SnapshotChanges } from './history.js';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const when = (point: HistoryPoint) => day.format(new Date(point.takenAt));
const signed = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);
const ago = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);

function CountLine({ change }: { change: CountChange<string> }) {
  return (
    <List.Item>
      {statusLabel(change.key)}: {change.from} → {change.to} ({signed(change.delta)})
    </List.Item>
  );
}

function Changes({ changes, root }: { changes: SnapshotChanges; root: string }) {
  const { opinion } = changes;
  const nothing = opinion.change === 'same' && changes.criteria.length === 0 && changes.deficiencies.length === 0;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {changes.fullPeriod
          ? `Since ${when(changes.baseline)} (${ago(changes.days)}).`
          : `No result is a week old yet: compared with the oldest, ${when(changes.baseline)} (${ago(changes.days)}).`}
      </Text>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          Opinion:
        </Text>
        {opinion.change === 'same' ? (
          <>
            <StatusBadge value={opinion.to} />
            <Text size="sm">unchanged</Text>
          </>
        ) : (
          <>
            <StatusBadge value={opinion.from} />
            <Text size="sm">
              <span aria-hidden>→</span>
              <VisuallyHidden>became</VisuallyHidden>
            </Text>
            <StatusBadge value={opinion.to} />
            <Text size="sm">({opinion.change})</Text>
          </>
        )}
      </Group>
      {nothing ? (
        <Text size="sm">No criterion or deficiency count changed.</Text>
      ) : (
        <>
          <Text size="sm">
            {changes.newlyNotMet > 0 ? (
              <Anchor component={Link} to={criteriaHref(root, { statuses: ['not_met'] })} size="sm">
                {changes.newlyNotMet} more {changes.newlyNotMet === 1 ? 'criterion' : 'criteria'} not met
              </Anchor>
            ) : (
              'No more criteria not met'
            )}
            {'; '}
            {changes.newlyMet > 0 ? `${changes.newlyMet} more met` : 'no more met'}
            {'. '}
            Deficiencies: {changes.deficienciesAdded} added, {changes.deficienciesRemoved} removed.
          </Text>
          {changes.criteria.length > 0 && (
            <Stack gap={2}>
              <Title order={3} size="h6">
                Criteria
              </Title>
              <List size="sm" spacing={2}>
                {changes.criteria.map((change) => (
                  <CountLine key={change.key} change={change} />
                ))}
              </List>
            </Stack>
          )}
          {changes.deficiencies.length > 0 && (
            <Stack gap={2}>
              <Title order={3} size="h6">
                Deficiencies
              </Title>
              <List size="sm" spacing={2}>
                {changes.deficiencies.map((change) => (
                  <CountLine key={change.key} change={change} />
                ))}
              </List>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

export function ChangesCard({ history, error, root }: { history: HistoryPoint[] | undefined; error: Error | null; root: string }) {
  const headingId = useId();
  const result = useMemo(() => (history ? changesSinceLastWeek(history) : null), [history]);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          What changed since last week
        </Title>
        {error ? (
          <Alert color="red" title="The history could not be loaded">
            {error.message}
          </Alert>
        ) : !result ? (
          <Loader size="sm" aria-label="Loading the history" />
        ) : result.kind === 'none' ? (
          <Text size="sm" c="dimmed">
            No result has been kept yet.
          </Text>
        ) : result.kind === 'single' ? (
          <Text size="sm">There is no older result to compare with: the only one was kept on {when(result.latest)}.</Text>
        ) : (
          <Changes changes={result} root={root} />
        )}
      </Stack>
    </Card>
  );
}
