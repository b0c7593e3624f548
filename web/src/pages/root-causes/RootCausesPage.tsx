/**
 * Root causes, ranked: the causes the engagement's findings are traced to, most findings first, then most
 * criteria. A cause shared by two or more findings is systemic (a recurring cause means the deviations are not
 * isolated), so fixing it fixes several findings at once. The programme and the auditor write a cause here on its
 * own (e.g. found in a retrospective) and trace findings to it from their pages.
 */
import { Anchor, Badge, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { nextCode } from '@assay/domain/codes.js';
import { statusLabel } from '../../labels.js';
import { useCreateRootCause, useRootCauses, useSystemicCauses, type RootCauseWithFindings, type SystemicCause } from '../../api/root-causes.js';
import { RootCauseFields, toRootCause, validateRootCause, type RootCauseValues } from '../findings/RootCauseCard.js';
import { FormActions } from '../../components/FormActions.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { saving } from '../../components/saving.js';
import { useCan } from '../../components/useRole.js';
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

/** A root cause written on its own, under the next free code, for findings to be traced to from their pages. */
function NewRootCauseForm({ causes, onDone }: { causes: readonly RootCauseWithFindings[]; onDone: () => void }) {
  const create = useCreateRootCause();
  const form = useForm<RootCauseValues>({
    mode: 'controlled',
    initialValues: { mode: 'new', id: nextCode('RC', causes.map((c) => c.id)), title: '', category: '', whys: [''] },
    validate: (values) => {
      const errors = validateRootCause(values, causes);
      if (!errors.id && causes.some((c) => c.id === values.id.trim())) errors.id = `${values.id.trim()} is in use: give another code`;
      return errors;
    },
  });
  const submit = form.onSubmit((values) =>
    keepOnRefusal(async () => {
      const cause = toRootCause(values, []);
      await saving(create.mutateAsync(cause), `Root cause ${cause.id} written`);
      onDone();
    }),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <RootCauseFields form={form} codeDescription="Findings traced to this code share the cause" />
        <FormActions submitLabel="Write the root cause" loading={form.submitting} onCancel={onDone} />
      </Stack>
    </form>
  );
}

export function RootCausesPage() {
  const root = useEngagementRoot();
  const systemic = useSystemicCauses();
  const all = useRootCauses();
  // Causes no finding is traced to (or only false positives): listed, not ranked.
  const ranked = new Set((systemic.data ?? []).map((c) => c.rootCause.id));
  const unranked = (all.data ?? []).filter((c) => !ranked.has(c.id));
  const canWrite = useCan('finding.manage');
  const [writing, setWriting] = useState(false);

  return (
    <Stack gap="lg">
      <div>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2">
            Root causes
          </Title>
          {canWrite && all.isSuccess && <Button onClick={() => setWriting(true)}>Write a root cause</Button>}
        </Group>
        <Text c="dimmed" size="sm">
          Ranked by the findings, then the criteria, each cause touches. A cause shared by more than one finding is systemic: the
          deviations behind it are not isolated.
        </Text>
      </div>
      {!systemic.isSuccess ? (
        pageFallback(systemic, { loading: 'Loading root causes', failed: 'The root causes could not be loaded' })
      ) : systemic.data.length === 0 ? (
        <Text>No finding is traced to a root cause yet. Write one here, or on a finding&apos;s page; trace findings to it from their pages.</Text>
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
      <Modal opened={writing} onClose={() => setWriting(false)} title="Write a root cause" size="lg">
        {writing && <NewRootCauseForm causes={all.data ?? []} onDone={() => setWriting(false)} />}
      </Modal>
    </Stack>
  );
}
