/**
 * One check: its latest result, running it now, the export each source reads (and uploading a new one), its
 * trend, the failing items of its latest run with a link to their finding, and its run history.
 */
import { Anchor, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCheckRuns, useRunCheck, useUploadExport, type Check } from '../../api/checks.js';
import { Id } from '../../components/Id.js';
import { ListTable } from '../../components/ListTable.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { SectionCard } from '../../components/SectionCard.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useCan } from '../../components/useRole.js';
import { formatDate, formatDateTime } from '../../dates.js';
import { statusLabel } from '../../labels.js';
import { findingPage } from '../../paths.js';
import { CheckTrend } from './CheckTrend.js';

function SourceRow({ check, source }: { check: Check; source: Check['sources'][number] }) {
  const upload = useUploadExport(check.id, source.name);
  const mayUpload = useCan('evidence.manage', true);
  return (
    <Table.Tr>
      <Table.Td>
        <Id>{source.name}</Id> <Text span size="xs" c="dimmed">{source.format}</Text>
      </Table.Td>
      <Table.Td>{source.attached ? `${source.attached.fileName}, ${formatDateTime(source.attached.attachedAt)}` : 'no export yet'}</Table.Td>
      <Table.Td>
        {mayUpload && (
          <FileButton
            onChange={(file) => file && upload.mutate(file, { onSuccess: () => notifySaved(`${file.name} is the export of ${source.name}`), onError: (e) => notifyError(e) })}
          >
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={upload.isPending} aria-label={`Upload the export of ${source.name}`}>
                Upload export
              </Button>
            )}
          </FileButton>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function CheckCard({ check, root }: { check: Check; root: string }) {
  const runs = useCheckRuns(check.id);
  const run = useRunCheck(check.id);
  const mayRun = useCan('check.run');
  const latest = check.latestRun;
  const findingLink = (code: string | null) =>
    code === null ? null : (
      <Anchor component={Link} to={findingPage(root, code)} size="sm">
        {code}
      </Anchor>
    );
  return (
    <SectionCard
      size="h3"
      title={`${check.id}: ${check.title}`}
      aside={
        <Group gap="xs">
          {latest && <StatusBadge value={latest.status} aria-label={`Latest result: ${statusLabel(latest.status)}`} />}
          {mayRun && (
            <Button size="xs" loading={run.isPending} onClick={() => run.mutate(undefined, { onError: (e) => notifyError(e) })}>
              Run now
            </Button>
          )}
        </Group>
      }
    >
      <Stack gap="sm">
        <Text size="sm">
          {latest
            ? `As of ${formatDate(latest.asOf)}: ${latest.failures} of ${latest.population} items fail (${statusLabel(latest.trigger)} run, ${formatDateTime(latest.ranAt)}).`
            : 'Not run yet.'}
          {latest?.error ? ` ${latest.error}` : ''}
          {check.controls.length > 0 ? ` Tests ${check.controls.join(', ')}.` : ''}
          {check.schedule ? ` Runs by itself (${check.schedule.schedule}, UTC), next ${formatDateTime(check.schedule.nextDueAt)}.` : ''}
        </Text>
        <ListTable label={`Sources of ${check.id}`} minWidth={300} columns={['Source', 'Export read', '']}>
          {check.sources.map((s) => (
            <SourceRow key={s.name} check={check} source={s} />
          ))}
        </ListTable>
        {latest && latest.failing.length > 0 && (
          <ListTable label={`Failing items of ${check.id}`} minWidth={480} columns={['Item', 'Why it fails', 'Finding']}>
            {latest.failing.map((f) => (
              <Table.Tr key={f.item}>
                <Table.Td>
                  <Id>{f.item}</Id>
                </Table.Td>
                <Table.Td>{f.reason}</Table.Td>
                <Table.Td>{findingLink(latest.findingCode)}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
        {runs.data && <CheckTrend runs={runs.data.items} />}
        {runs.data && runs.data.items.length > 0 && (
          <ListTable label={`Runs of ${check.id}`} minWidth={560} columns={['Ran', 'As of', 'How', 'Result', 'Failing', 'Finding']}>
            {runs.data.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDateTime(r.ranAt)}</Table.Td>
                <Table.Td>{formatDate(r.asOf)}</Table.Td>
                <Table.Td>{statusLabel(r.trigger)}</Table.Td>
                <Table.Td>
                  <StatusBadge value={r.status} />
                </Table.Td>
                <Table.Td>
                  {r.failures} of {r.population}
                </Table.Td>
                <Table.Td>{findingLink(r.findingCode)}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Stack>
    </SectionCard>
  );
}
