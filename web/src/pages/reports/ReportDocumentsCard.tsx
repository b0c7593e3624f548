/**
 * The engagement's documents: choose one and its format (only the combinations a document takes, refused in the
 * words the CLI and the API use), the bridge letter's end date, start it, follow its progress, download it; the
 * latest jobs listed below; and, for those who may export it, the auditor's package.
 */
import { Alert, Anchor, Button, Card, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DOCUMENT_FORMATS, DOCUMENT_TYPES, formatRefusal, type DocumentFormat, type DocumentType } from '@assay/domain/reports/documents.js';
import { refusalOf } from '../../api/problem.js';
import { useReportDownloads, useReportJobs, useStartReport, type ReportJob } from '../../api/reports.js';
import { DateField } from '../../components/DateField.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useCan } from '../../components/useRole.js';
import { formatDateTime } from '../../dates.js';
import { statusLabel } from '../../labels.js';

const TYPE_OPTIONS = DOCUMENT_TYPES.map((value) => ({ value, label: statusLabel(value) }));

/** The formats, those the type does not take disabled: the refusal's words are why. */
const formatOptions = (type: DocumentType) =>
  DOCUMENT_FORMATS.map((value) => {
    const refusal = formatRefusal(type, value);
    return { value, label: refusal === null ? statusLabel(value) : `${statusLabel(value)} (${refusal})`, disabled: refusal !== null };
  });

/** The first format the type takes, when the one chosen is refused. */
const allowedFormat = (type: DocumentType, format: DocumentFormat) =>
  formatRefusal(type, format) === null ? format : (DOCUMENT_FORMATS.find((f) => formatRefusal(type, f) === null) ?? format);

export function ReportDocumentsCard() {
  const start = useStartReport();
  const downloads = useReportDownloads();
  // The whole evidence set at once is the auditor's and the programme's (an owner or a viewer reads each piece).
  const canExportPackage = useCan('package.export');
  const [type, setType] = useState<DocumentType>('soc2-draft');
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const [to, setTo] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  // The job just started is read from the list (asked again while any runs), not asked for on its own as well.
  const jobs = useReportJobs();
  const job = jobs.data?.find((candidate) => candidate.id === jobId);
  const refusal = start.isError ? refusalOf(start.error, []) : null;

  const generate = () => {
    setJobId(null);
    start.mutate({ type, format, ...(type === 'bridge-letter' && to !== '' && { to }) }, { onSuccess: (started) => setJobId(started.id) });
  };

  return (
    <Card withBorder component="section" aria-labelledby="documents-title">
      <Stack gap="xs">
        <Title order={3} id="documents-title">
          Documents
        </Title>
        <Text size="sm" c="dimmed">
          Written from the engagement as it is now, the same as <code>assay report DIR --type … --format …</code> writes from a workspace.
        </Text>
        <Group align="end">
          <Select
            label="Document"
            data={TYPE_OPTIONS}
            value={type}
            allowDeselect={false}
            onChange={(value) => {
              const chosen = (value ?? type) as DocumentType;
              setType(chosen);
              setFormat(allowedFormat(chosen, format));
            }}
            w={240}
          />
          <Select label="Format" data={formatOptions(type)} value={format} allowDeselect={false} onChange={(value) => setFormat((value ?? format) as DocumentFormat)} w={240} />
          {type === 'bridge-letter' && <DateField label="Bridge letter up to" description="Default: today" value={to} onChange={setTo} w={180} />}
          <Button onClick={generate} loading={start.isPending} disabled={formatRefusal(type, format) !== null}>
            Generate
          </Button>
        </Group>
        {refusal && (
          <Alert color="red" role="alert" title="The document was not started">
            <Text size="sm">{refusal.message}</Text>
            {refusal.other.map((issue) => (
              <Text size="sm" key={issue}>
                {issue}
              </Text>
            ))}
          </Alert>
        )}
        {job && <JobProgress job={job} file={downloads.file(job.id)} />}
        <RecentJobs file={downloads.file} />
        {canExportPackage && (
          <Group>
            <Anchor href={downloads.auditorsPackage} download>
              Download the auditor&apos;s package
            </Anchor>
            <Text size="sm" c="dimmed">
              The workpapers, every evidence file the tests rely on and a SHA-256 manifest, in one zip frozen to the period.
            </Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The job just started: its progress while it runs, then its download or why it failed. */
function JobProgress({ job, file }: { job: ReportJob; file: string }) {
  if (job.status === 'failed') {
    return (
      <Alert color="red" role="alert" title={`The ${statusLabel(job.type)} could not be written`}>
        {job.error}
      </Alert>
    );
  }
  if (job.status === 'done') {
    return (
      <Text role="status">
        Ready:{' '}
        <Anchor href={file} download>
          {`Download ${job.fileName ?? statusLabel(job.type)}`}
        </Anchor>
      </Text>
    );
  }
  return <Progress value={Math.round(job.progress * 100)} aria-label={`Writing the ${statusLabel(job.type)}`} animated />;
}

function RecentJobs({ file }: { file: (jobId: string) => string }) {
  const jobs = useReportJobs();
  if (jobs.isError) return <Alert color="red">The documents could not be listed: {jobs.error.message}</Alert>;
  if (!jobs.data || jobs.data.length === 0) return null;
  return (
    <Table aria-label="Recent documents">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Document</Table.Th>
          <Table.Th>Format</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Asked for</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {jobs.data.map((job) => (
          <Table.Tr key={job.id}>
            <Table.Td>{statusLabel(job.type)}</Table.Td>
            <Table.Td>{statusLabel(job.format)}</Table.Td>
            <Table.Td>
              <StatusBadge value={job.status} />
            </Table.Td>
            <Table.Td>{formatDateTime(job.requestedAt)}</Table.Td>
            <Table.Td>{job.requestedBy}</Table.Td>
            <Table.Td>
              {job.status === 'done' && (
                <Anchor href={file(job.id)} download>
                  Download
                </Anchor>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
