/**
 * "What changed since last week": the latest result against the newest one a week older (or the oldest), as the
 * server compares them: the opinion's move, the criteria that got worse or better, the controls whose
 * conclusion changed, and the counts behind them.
 */
import { Alert, Anchor, Card, Group, List, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import type { ComparedItem, PeriodChange } from '@assay/domain/periods/compare.js';
import type { ExaminationChanges, HistoryPoint } from '../../api/dashboard.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ChangeBadge } from '../periods/ComparedTable.js';
import { criteriaHref } from '../criteria/filters.js';
import { compareSnapshots, type CountChange, type SnapshotChanges } from './history.js';
import { controlPage } from '../../paths.js';
import { statusLabel } from '../../labels.js';
import { formatDate } from '../../dates.js';
import { pluralOf } from '@assay/domain/words.js';

const when = (point: HistoryPoint) => formatDate(point.takenAt);
const signed = (n: number) => (n > 0 ? `+${n}` : `−${-n}`);
const ago = (days: number) => (days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);

/** Beyond this many, a list says how many more there are: the card is a summary, the pages behind it are whole. */
export const CHANGES_LISTED = 8;

function CountLine({ change }: { change: CountChange<string> }) {
  return (
    <List.Item>
      {`${pluralOf(statusLabel(change.key))}: from ${change.from} to ${change.to} (${signed(change.delta)})`}
    </List.Item>
  );
}

/** "met → not met", with "not in scope" where one of the two results did not have it. */
function Move({ item }: { item: ComparedItem<string> }) {
  const side = (value: string | null) =>
    value === null ? (
      <Text span size="sm" c="dimmed">
        not in scope
      </Text>
    ) : (
      <StatusBadge value={value} />
    );
  return (
    <>
      {side(item.before)}
      <Text span size="sm">
        <span aria-hidden>→</span>
        <VisuallyHidden>became</VisuallyHidden>
      </Text>
      {side(item.after)}
    </>
  );
}

function Named(props: { title: string; items: ComparedItem<string>[]; href: (id: string) => string; badge?: boolean }) {
  if (props.items.length === 0) return null;
  const more = props.items.length - CHANGES_LISTED;
  return (
    <Stack gap={2}>
      <Title order={3} size="h6">
        {props.title} ({props.items.length})
      </Title>
      <List size="sm" spacing={4} listStyleType="none" aria-label={props.title}>
        {props.items.slice(0, CHANGES_LISTED).map((item) => (
          <List.Item key={item.id}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={props.href(item.id)} size="sm" fw={500}>
                {item.id}
              </Anchor>
              <Move item={item} />
              {props.badge && <ChangeBadge change={item.change} />}
            </Group>
          </List.Item>
        ))}
      </List>
      {more > 0 && (
        <Text size="xs" c="dimmed">
          and {more} more
        </Text>
      )}
    </Stack>
  );
}

const only = (items: ComparedItem<string>[], ...changes: PeriodChange[]) => items.filter((item) => changes.includes(item.change));

function OpinionMove({ opinion }: { opinion: SnapshotChanges['opinion'] }) {
  return (
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
  );
}

function Changes({ changes, baseline, root }: { changes: ExaminationChanges; baseline: HistoryPoint; root: string }) {
  const counts = compareSnapshots(baseline, changes.latest, changes.fullPeriod);
  const criteria = changes.comparison?.criteria ?? [];
  const controls = changes.comparison?.controls ?? [];
  const criterionHref = (id: string) => criteriaHref(root, { query: id });
  const nothing = counts.opinion.change === 'same' && criteria.length === 0 && controls.length === 0 && counts.deficiencies.length === 0;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {changes.fullPeriod
          ? `Since ${when(baseline)} (${ago(counts.days)}).`
          : `No result is a week old yet: compared with the oldest, ${when(baseline)} (${ago(counts.days)}).`}
      </Text>
      <OpinionMove opinion={counts.opinion} />
      {nothing ? (
        <Text size="sm">No criterion, control or deficiency changed.</Text>
      ) : (
        <>
          <Text size="sm">
            {counts.newlyNotMet > 0 ? (
              <Anchor component={Link} to={criteriaHref(root, { statuses: ['not_met'] })} size="sm">
                {counts.newlyNotMet} more {counts.newlyNotMet === 1 ? 'criterion' : 'criteria'} not met
              </Anchor>
            ) : (
              'No more criteria not met'
            )}
            {'; '}
            {counts.newlyMet > 0 ? `${counts.newlyMet} more met` : 'no more met'}
            {'. '}
            Deficiencies: {counts.deficienciesAdded} added, {counts.deficienciesRemoved} removed.
          </Text>
          <Named title="Criteria worse" items={only(criteria, 'worse')} href={criterionHref} />
          <Named title="Criteria better" items={only(criteria, 'better')} href={criterionHref} />
          <Named title="Criteria in or out of scope" items={only(criteria, 'added', 'removed')} href={criterionHref} />
          <Named title="Controls whose conclusion changed" items={controls} href={(id) => controlPage(root, id)} badge />
          {counts.deficiencies.length > 0 && (
            <Stack gap={2}>
              <Title order={3} size="h6">
                Deficiencies
              </Title>
              <List size="sm" spacing={2}>
                {counts.deficiencies.map((change) => (
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

export function ChangesCard({ changes, error, root }: { changes: ExaminationChanges | undefined; error: Error | null; root: string }) {
  const headingId = useId();
  const baseline = changes?.baseline;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          What changed since last week
        </Title>
        {error ? (
          <Alert color="red" title="The changes could not be loaded">
            {error.message}
          </Alert>
        ) : !changes ? (
          <Loader size="sm" aria-label="Loading the changes" />
        ) : !baseline ? (
          <Text size="sm">There is no older result to compare with: the only one was kept on {when(changes.latest)}.</Text>
        ) : (
          <Changes changes={changes} baseline={baseline} root={root} />
        )}
      </Stack>
    </Card>
  );
}
