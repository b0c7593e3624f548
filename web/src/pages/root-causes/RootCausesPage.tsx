/**
 * Root causes, ranked: the causes the engagement's findings are traced to, most findings first, then most
 * criteria. A cause shared by two or more findings is systemic (a recurring cause means the deviations are not
 * isolated), so fixing it fixes several findings at once.
 */
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { statusLabel } from '../../labels.js';
import { useRootCauses, useSystemicCauses, type SystemicCause } from '../../api/root-causes.js';
import { criteriaHref } from '../criteria/filters.js';
import { controlPage, findingPage, useEngagementRoot } from '../../paths.js';
import { pageFallback } from '../../components/QueryFallback.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a cause touches of one kind (findings, criteria, controls): a heading over a list of links. */
function Links({ heading, ids, href, label }: { heading: string; ids: string[]; href: (id: string) => string; label: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {heading}
      </Text>
      <Group gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
        {ids.map((id) => (
          <li key={id}>
            <Anchor component={Link} to={href(id)} size="sm">
              {id}
            </Anchor>
          </li>
        ))}
      </Group>
    </Stack>
  );
}

function CauseCard({ cause, rank, root }: { cause: SystemicCause; rank: number; root: string }) {
  const headingId = useId();
  const { rootCause } = cause;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={headingId}>
            {rank}. {rootCause.title}{' '}
            <Text span c="dimmed" size="sm">
              {rootCause.id}
            </Text>
          </Title>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Badge variant="light" color="gray">
              {statusLabel(rootCause.category)}
            </Badge>
            {cause.systemic && (
              <Badge variant="filled" color="red">
                systemic
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {count(cause.findings.length, 'finding', 'findings')} · {count(cause.criteria.length, 'criterion', 'criteria')} ·{' '}
          {count(cause.controls.length, 'control', 'controls')}
        </Text>
        <div>
          <Text size="sm" fw={600}>
            Five whys
          </Text>
          <List type="ordered" size="sm" aria-label={`Why chain of ${rootCause.id}`}>
            {rootCause.whys.map((why, i) => (
              <List.Item key={i}>{why}</List.Item>
            ))}
          </List>
        </div>
        <Group gap="lg" align="flex-start">
          <Links heading="Findings" ids={cause.findings} href={(code) => findingPage(root, code)} label={`Findings of ${rootCause.id}`} />
          <Links heading="Criteria" ids={cause.criteria} href={(id) => criteriaHref(root, { query: id })} label={`Criteria of ${rootCause.id}`} />
          {cause.controls.length > 0 && (
            <Links heading="Controls" ids={cause.controls} href={(id) => controlPage(root, id)} label={`Controls of ${rootCause.id}`} />
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export function RootCausesPage() {
  const root = useEngagementRoot();
  const systemic = useSystemicCauses();
  const all = useRootCauses();
  // Causes no finding is traced to (or only false positives): listed, not ranked.
  const ranked = new Set((systemic.data ?? []).map((c) => c.rootCause.id));
  const unranked = (all.data ?? []).filter((c) => !ranked.has(c.id));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Root causes
        </Title>
        <Text c="dimmed" size="sm">
          Ranked by the findings, then the criteria, each cause touches. A cause shared by more than one finding is systemic: the
          deviations behind it are not isolated.
        </Text>
      </div>
      {!systemic.isSuccess ? (
        pageFallback(systemic, { loading: 'Loading root causes', failed: 'The root causes could not be loaded' })
      ) : systemic.data.length === 0 ? (
        <Text>No finding is traced to a root cause yet. Write a finding&apos;s root cause on its page.</Text>
      ) : (
        systemic.data.map((cause, i) => <CauseCard key={cause.rootCause.id} cause={cause} rank={i + 1} root={root} />)
      )}
      {unranked.length > 0 && (
        <Card withBorder padding="lg" component="section" aria-label="Not traced by any finding">
          <Title order={2} size="h4">
            Not traced by any finding
          </Title>
          <List size="sm">
            {unranked.map((c) => (
              <List.Item key={c.id}>
                {c.id}: {c.title} ({statusLabel(c.category)})
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}
