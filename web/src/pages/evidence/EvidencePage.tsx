/**
 * The engagement's evidence: uploads by drag and drop (several files, a progress bar), the records filtered by
 * control and period, each flagged when it reaches outside the period, with its download and supersede.
 */
import { Badge, Button, FileButton, Group, MultiSelect, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { isRealDate } from '@assay/domain/dates.js';
import { useState, type DragEvent } from 'react';
import { useEvidence, useSupersedeEvidence, useUploadEvidence, type Evidence, type EvidenceFilters } from '../../api/evidence.js';
import { useControls } from '../../api/controls.js';
import { API_PREFIX } from '../../api/paths.js';
import { useScope } from '../../api/programme.js';
import { DateField } from '../../components/DateField.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { formatDate, formatDateTime } from '../../dates.js';
import { statusLabel } from '../../labels.js';

function Upload({ controls }: { controls: string[] }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [coversFrom, setCoversFrom] = useState('');
  const [coversTo, setCoversTo] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const upload = useUploadEvidence(setProgress);
  const start = (files: File[]) => {
    if (files.length === 0) return;
    setProgress(0);
    upload.mutate({ files, controls: chosen, coversFrom: coversFrom || null, coversTo: coversTo || null }, { onSettled: () => setProgress(null) });
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files]);
  };
  return (
    <SectionCard title="Add evidence">
      <Stack>
        <Group grow align="flex-end">
          <MultiSelect label="Controls" data={controls} value={chosen} onChange={setChosen} searchable />
          <DateField label="Covers from" value={coversFrom} onChange={setCoversFrom} />
          <DateField label="Covers to" value={coversTo} onChange={setCoversTo} />
        </Group>
        <div
          data-testid="evidence-dropzone"
          role="region"
          aria-label="Drop files here"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          style={{ border: '2px dashed var(--mantine-color-gray-5)', borderRadius: 8, padding: 24, textAlign: 'center', background: dragging ? 'var(--mantine-color-blue-light)' : undefined }}
        >
          <Stack align="center" gap="xs">
            <Text>Drop files here, several at once</Text>
            <FileButton onChange={start} multiple>
              {(props) => (
                <Button variant="light" {...props}>
                  Choose files
                </Button>
              )}
            </FileButton>
          </Stack>
        </div>
        {progress !== null && <Progress value={Math.round(progress * 100)} aria-label="Upload progress" data-testid="upload-progress" />}
        {upload.isError && <Text c="red">{upload.error.message}</Text>}
        {upload.isSuccess && <Text role="status">{upload.data.evidence.length === 1 ? '1 file added' : `${upload.data.evidence.length} files added`}</Text>}
      </Stack>
    </SectionCard>
  );
}

function Row({ record, canManage }: { record: Evidence; canManage: boolean }) {
  const { urls } = useScope();
  const supersede = useSupersedeEvidence();
  return (
    <Table.Tr>
      <Table.Td>
        <a href={`${API_PREFIX}${urls.evidenceRecord(record.id)}/content`} download={record.fileName}>
          {record.fileName}
        </a>
        <Text size="xs" c="dimmed" ff="monospace">
          {record.sha256.slice(0, 16)}…
        </Text>
      </Table.Td>
      <Table.Td>{record.controls.join(', ')}</Table.Td>
      <Table.Td>
        {record.coversFrom || record.coversTo ? `${record.coversFrom ? formatDate(record.coversFrom) : '…'} – ${record.coversTo ? formatDate(record.coversTo) : '…'}` : 'not stated'}
        {record.outsidePeriod && (
          <Badge color="orange" ml="xs">
            outside the period
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{record.size} bytes</Table.Td>
      <Table.Td>
        {formatDateTime(record.collectedAt)} · {statusLabel(record.source)}
      </Table.Td>
      <Table.Td>
        <Badge variant="light">{statusLabel(record.state)}</Badge>
      </Table.Td>
      <Table.Td>
        {canManage && record.state === 'current' && (
          <FileButton onChange={(file) => file && supersede.mutate({ record, file })}>
            {(props) => (
              <Button size="xs" variant="subtle" loading={supersede.isPending} {...props}>
                Supersede
              </Button>
            )}
          </FileButton>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function EvidencePage() {
  const [filters, setFilters] = useState<EvidenceFilters>({});
  const evidence = useEvidence(filters);
  const controls = (useControls().data ?? []).map((c) => c.id);
  // An owner may provide evidence for its own controls: the server decides which.
  const canManage = useCan('evidence.manage', true);
  const set = (patch: EvidenceFilters) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <Stack>
      <PageHeading title="Evidence">Files provided for the engagement, each stored once by its SHA-256; never edited, only superseded.</PageHeading>
      {canManage && <Upload controls={controls} />}
      <SectionCard title="Evidence files">
        <Stack>
          <Group grow align="flex-end">
            <Select label="Control" data={controls} value={filters.control ?? null} onChange={(v) => set({ control: v ?? undefined })} clearable searchable />
            <DateField label="From" value={filters.from ?? ''} onChange={(from) => set({ from: isRealDate(from) ? from : undefined })} />
            <DateField label="To" value={filters.to ?? ''} onChange={(to) => set({ to: isRealDate(to) ? to : undefined })} />
            <Select
              label="Records"
              data={[
                { value: 'current', label: 'current' },
                { value: 'superseded', label: 'superseded' },
                { value: 'deleted', label: 'deleted' },
                { value: 'all', label: 'all' },
              ]}
              value={filters.state ?? 'current'}
              onChange={(v) => set({ state: (v as EvidenceFilters['state']) ?? undefined })}
            />
          </Group>
          <Table.ScrollContainer minWidth={700}>
            <Table data-testid="evidence-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>File</Table.Th>
                  <Table.Th>Controls</Table.Th>
                  <Table.Th>Covers</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Collected</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(evidence.data?.items ?? []).map((record) => (
                  <Row key={record.id} record={record} canManage={canManage} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {evidence.data?.total === 0 && <Text c="dimmed">No evidence yet.</Text>}
        </Stack>
      </SectionCard>
    </Stack>
  );
}
