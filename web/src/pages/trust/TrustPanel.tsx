/**
 * The trust page as its admin runs it (Settings › Trust page): the issued report to share, the NDA's versions,
 * what to publish from this engagement, and the requests for the report with their links. Admins only
 * (`trust.manage`); the public page is at `/trust/<organisation>`.
 */
import { Alert, Anchor, Button, Checkbox, Chip, FileInput, Group, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { MAX_LINK_DAYS } from '@assay/domain/trust/index.js';
import { criteriaOfCategories, type Category } from '@assay/domain/criteria/catalogue.js';
import { MAX_NDA_TEXT_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { useEngagement, useScope } from '../../api/programme.js';
import { useOrganizations } from '../../api/session.js';
import { useTrustChanges, useTrustOverview, useTrustRequests, type TrustRequest } from '../../api/trust.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { queryFallback } from '../../components/QueryFallback.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { textLimit } from '../../components/text-limit.js';
import { useCan } from '../../components/useRole.js';
import { formatDate, formatDateTime } from '../../dates.js';
import { trustPage } from '../../paths.js';
import { parseSubprocessors } from './subprocessors.js';

type Changes = ReturnType<typeof useTrustChanges>;
const done = (message: string) => ({ onSuccess: () => notifySaved(message), onError: (error: unknown) => notifyError(error) });

function ReportAndNda({ changes, engagementId, overview }: { changes: Changes; engagementId: string; overview: NonNullable<ReturnType<typeof useTrustOverview>['data']> }) {
  const [file, setFile] = useState<File | null>(null);
  const [nda, setNda] = useState('');
  return (
    <Stack>
      <Title order={2} size="h4">
        Report and NDA
      </Title>
      <Text size="sm">
        {overview.report ? `Report uploaded: ${overview.report.fileName} (${formatDateTime(overview.report.uploadedAt)}).` : 'No report uploaded yet.'}{' '}
        {overview.nda ? `NDA in force: version ${overview.nda.version}.` : 'No NDA yet.'}
      </Text>
      <Group align="end">
        <FileInput label="Issued SOC 2 report (PDF)" accept="application/pdf" value={file} onChange={setFile} w={320} clearable />
        <Button disabled={file === null} loading={changes.upload.isPending} onClick={() => file && changes.upload.mutate({ engagementId, file }, done('Report uploaded'))}>
          Upload report
        </Button>
      </Group>
      <Textarea label="NDA text" autosize minRows={3} value={nda} onChange={(e) => setNda(e.currentTarget.value)} {...textLimit(nda, MAX_NDA_TEXT_LENGTH)} />
      <Group>
        <Button variant="light" disabled={nda.trim() === ''} loading={changes.nda.isPending} onClick={() => changes.nda.mutate(nda.trim(), { onError: (error) => notifyError(error), onSuccess: () => { setNda(''); notifySaved('New NDA version saved'); } })}>
          Save as a new NDA version
        </Button>
      </Group>
    </Stack>
  );
}

function Publish({ changes, engagementId, categories }: { changes: Changes; engagementId: string; categories: Category[] }) {
  const series = [...new Set(criteriaOfCategories(categories).map((c) => c.series))];
  const [chosen, setChosen] = useState<string[]>([]);
  const [subprocessors, setSubprocessors] = useState('');
  const [contact, setContact] = useState('');
  const [offerReport, setOfferReport] = useState(true);
  const parsed = parseSubprocessors(subprocessors);
  return (
    <Stack>
      <Title order={2} size="h4">
        Publish from this engagement
      </Title>
      <Text size="sm" c="dimmed">
        The categories, the period and the chosen control areas with the forecast’s status are taken as they are now; nothing else is shown.
      </Text>
      <Chip.Group multiple value={chosen} onChange={setChosen}>
        <Group gap="xs" aria-label="Control areas to show">
          {series.map((s) => (
            <Chip key={s} value={s} size="xs">
              {s}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Textarea
        label="Subprocessors"
        description="One a line: name; purpose; location"
        autosize
        minRows={2}
        value={subprocessors}
        onChange={(e) => setSubprocessors(e.currentTarget.value)}
        error={parsed.error}
        {...textLimit(subprocessors, MAX_TEXT_LENGTH)}
      />
      <TextInput label="Contact" value={contact} onChange={(e) => setContact(e.currentTarget.value)} {...textLimit(contact, MAX_TEXT_LENGTH)} />
      <Checkbox label="Offer the report behind the request form" checked={offerReport} onChange={(e) => setOfferReport(e.currentTarget.checked)} />
      <Group>
        <Button
          disabled={contact.trim() === '' || parsed.error !== null}
          loading={changes.publish.isPending}
          onClick={() => changes.publish.mutate({ engagementId, series: chosen, subprocessors: parsed.items, contact: contact.trim(), offerReport }, done('Trust page published'))}
        >
          Publish
        </Button>
        <Button variant="default" color="red" loading={changes.unpublish.isPending} onClick={() => changes.unpublish.mutate(undefined, done('Trust page taken down'))}>
          Unpublish
        </Button>
      </Group>
    </Stack>
  );
}

function Requests({ organizationId, changes }: { organizationId: string; changes: Changes }) {
  const requests = useTrustRequests(organizationId, true);
  const [days, setDays] = useState<number>(7);
  if (!requests.isSuccess) return queryFallback(requests, { loading: 'Loading the requests', failed: 'The requests could not be loaded' });
  const link = changes.approve.data?.link ?? null;
  const row = (r: TrustRequest) => (
    <Table.Tr key={r.id}>
      <Table.Td>{r.name}</Table.Td>
      <Table.Td>{r.company}</Table.Td>
      <Table.Td>{r.email}</Table.Td>
      <Table.Td>{formatDate(r.requestedAt)}</Table.Td>
      <Table.Td>
        <StatusBadge value={r.status} />
      </Table.Td>
      <Table.Td>{r.expiresAt ? formatDateTime(r.expiresAt) : ''}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {r.status === 'pending' && (
            <>
              <Button size="xs" aria-label={`Approve ${r.email}`} onClick={() => changes.approve.mutate({ id: r.id, days }, done(`Approved ${r.email}`))}>
                Approve
              </Button>
              <Button size="xs" variant="default" aria-label={`Reject ${r.email}`} onClick={() => changes.reject.mutate(r.id, done(`Rejected ${r.email}`))}>
                Reject
              </Button>
            </>
          )}
          {r.status === 'approved' && (
            <Button size="xs" color="red" variant="light" aria-label={`Revoke ${r.email}`} onClick={() => changes.revoke.mutate(r.id, done(`Link of ${r.email} revoked`))}>
              Revoke
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack>
      <Title order={2} size="h4">
        Requests for the report
      </Title>
      <NumberInput label="Links work for (days)" min={1} max={MAX_LINK_DAYS} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : 7)} w={200} />
      {requests.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No requests yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table aria-label="Requests for the report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th>E-mail</Table.Th>
                <Table.Th>Asked</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Link works until</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{requests.data.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShownOnce title="Copy the download link now" label={`Download link for ${changes.approve.data?.request.email ?? ''}`} value={link} copyLabel="Copy link" onDone={() => changes.approve.reset()}>
        No mail server is set up, so the link was not sent: pass it to the requester. Assay keeps only a hash of it.
      </ShownOnce>
    </Stack>
  );
}

export function TrustPanel() {
  const { organizationId, engagementId } = useScope();
  const manage = useCan('trust.manage');
  const overview = useTrustOverview(organizationId, manage);
  const engagement = useEngagement();
  const slug = useOrganizations().data?.find((o) => o.id === organizationId)?.slug ?? '';
  const changes = useTrustChanges(organizationId);
  if (!manage) {
    return (
      <Text size="sm" c="dimmed">
        The trust page shows the public what an admin of the organisation publishes, and shares the SOC 2 report on request.
      </Text>
    );
  }
  if (!overview.isSuccess || !engagement.isSuccess) return queryFallback(overview.isSuccess ? engagement : overview, { loading: 'Loading the trust page', failed: 'The trust page could not be loaded' });
  const published = overview.data.page?.snapshot ?? null;
  return (
    <Stack gap="xl">
      <Alert color={published ? 'teal' : 'gray'} title={published ? 'Published' : 'Not published'}>
        {published ? `Published ${formatDateTime(published.publishedAt)}. ` : 'The public sees nothing until you publish. '}
        <Anchor component={Link} to={trustPage(slug)}>
          The public trust page
        </Anchor>
      </Alert>
      <Text size="sm" aria-label="Subscribers">
        Subscribers told of a new report or changed subprocessors: {overview.data.subscribers.email} by e-mail, {overview.data.subscribers.webhook} by webhook.
      </Text>
      <ReportAndNda changes={changes} engagementId={engagementId} overview={overview.data} />
      <Publish changes={changes} engagementId={engagementId} categories={engagement.data.categories} />
      <Requests organizationId={organizationId} changes={changes} />
    </Stack>
  );
}
