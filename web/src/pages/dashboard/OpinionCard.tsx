/** The opinion forecast: the overall opinion, per subject, whether pervasive, the basis and the criteria behind it. */
import { Anchor, Badge, Button, Card, DataList, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import type { CriterionStatus } from '@assay/domain/evaluation/result.js';
import type { ExaminationResult, OpinionKind } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { criteriaHref } from '../criteria/filters.js';
import { statusLabel } from '../../labels.js';
import { articleFor } from '@assay/domain/words.js';
import { PendingExclusions } from './PendingExclusions.js';

/** The statuses behind a modified opinion, most telling first. */
const BEHIND: CriterionStatus[] = ['not_met', 'unable_to_conclude', 'met_with_exceptions'];
/** How many not-met criteria to name before pointing to the matrix. */
const NAMED = 12;

const SENTENCE: Record<OpinionKind, string> = {
  unmodified: 'Nothing found so far would modify it.',
  qualified: 'Some matters (criteria not met or not concluded on, or misstatements in the description) would modify it, but not pervasively.',
  adverse: 'The matters are pervasive: the description, design or operation as a whole would be found not to meet the criteria.',
  disclaimer: 'So much could not be tested that no opinion on operating effectiveness could be given.',
};

function Subject({ label, value, absent }: { label: string; value: OpinionKind | null; absent?: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value ? <StatusBadge value={value} /> : <Text size="sm" c="dimmed">{absent}</Text>}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function OpinionCard({ result, root }: { result: ExaminationResult; root: string }) {
  const headingId = useId();
  const { opinion } = result;
  const count = (status: CriterionStatus) => result.criteria.filter((c) => c.status === status).length;
  const notMet = result.criteria.filter((c) => c.status === 'not_met');

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId}>
          Opinion forecast
        </Title>
        <Group gap="sm">
          <StatusBadge value={opinion.overall} size="xl" aria-label={`Forecast opinion: ${statusLabel(opinion.overall)}`} />
          {opinion.pervasive && (
            <Badge variant="outline" color="red" size="lg">
              pervasive
            </Badge>
          )}
        </Group>
        <Text size="sm">
          If the examination ended today, an auditor applying the engine&apos;s defaults would likely give{' '}
          {articleFor(statusLabel(opinion.overall))} <strong>{statusLabel(opinion.overall)}</strong> {opinion.overall === 'disclaimer' ? 'of opinion' : 'opinion'}.{' '}
          {SENTENCE[opinion.overall]}
        </Text>

        <Stack gap="xs">
          <Title order={3} size="h5">
            By subject
          </Title>
          <DataList size="sm" labelWidth="12rem">
            <Subject label="Description of the system" value={opinion.subjects.description} />
            <Subject label="Suitability of design" value={opinion.subjects.design} />
            <Subject
              label="Operating effectiveness"
              value={opinion.subjects.operatingEffectiveness}
              absent="not part of a Type 1 report"
            />
            <DataList.Item>
              <DataList.ItemLabel>Pervasive</DataList.ItemLabel>
              <DataList.ItemValue>
                <Text size="sm">
                  {opinion.pervasive
                    ? 'Yes: the matters span enough series or criteria to affect the system as a whole.'
                    : 'No: the matters are confined to the criteria named below.'}
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </Stack>

        <Stack gap="xs">
          <Title order={3} size="h5">
            Basis
          </Title>
          {opinion.basis.length === 0 ? (
            <Text size="sm" c="dimmed">
              No matter modifies the opinion.
            </Text>
          ) : (
            <List size="sm" spacing={4} aria-label="Basis of the opinion">
              {opinion.basis.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          )}
        </Stack>

        <PendingExclusions root={root} />

        <Stack gap="xs">
          <Title order={3} size="h5">
            Criteria behind it
          </Title>
          <Group gap="xs">
            {BEHIND.filter((status) => count(status) > 0).map((status) => (
              <Button key={status} component={Link} to={criteriaHref(root, { statuses: [status] })} variant="light" size="xs">
                {count(status)} {statusLabel(status)}
              </Button>
            ))}
            <Button component={Link} to={criteriaHref(root)} variant="subtle" size="xs">
              All {result.criteria.length} criteria
            </Button>
          </Group>
          {notMet.length > 0 && (
            <Text size="sm">
              Not met:{' '}
              {notMet.slice(0, NAMED).map((criterion, index) => (
                <span key={criterion.id}>
                  {index > 0 && ', '}
                  <Anchor component={Link} to={criteriaHref(root, { query: criterion.id })} title={criterion.title}>
                    {criterion.id}
                  </Anchor>
                </span>
              ))}
              {notMet.length > NAMED && ` and ${notMet.length - NAMED} more`}
            </Text>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
