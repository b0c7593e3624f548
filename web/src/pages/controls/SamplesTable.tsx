/**
 * The samples of a control's test: item, result and note per row. Whoever records tests changes a result with
 * a pass/fail control labelled "Result", which asks for the reason (and a note for a fail) before anything is
 * recorded, and edits the note in place (saved on Enter or on leaving the field; a fail's note cannot be
 * emptied); everyone else reads them. A result the auditor recorded is the auditor's (independence): for the
 * organisation's roles its control is disabled and says why; an admin changes it only through the dialog, with a
 * reason.
 */
import { Group, Pagination, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { isAuditorsRecord, resultChangeRefusal } from '@assay/domain/independence.js';
import { useUpdateSample, type ControlTest, type Sample, type SampleChanges, type SampleResult } from '../../api/controls.js';
import type { Role } from '../../api/types.js';
import { notifyError } from '../../components/notify.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useRole } from '../../components/useRole.js';
import { ChangeResultModal } from './ChangeResultModal.js';
import { Id } from '../../components/Id.js';
import { textLimit } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

/** Rows on one page of the samples table. */
export const SAMPLES_PER_PAGE = 100;

export const RESULT_OPTIONS = [
  { value: 'pass', label: 'pass' },
  { value: 'fail', label: 'fail' },
];

/**
 * The note being typed; saved when it differs from the recorded one. Remounted when the recorded one changes.
 * It grows with its text, so a long note is read whole, on a phone too; Enter saves, Shift+Enter starts a line.
 */
function NoteField(props: { item: string; note: string | null; required: boolean; onSave: (note: string | null) => void }) {
  const [draft, setDraft] = useState(props.note ?? '');
  const note = draft.trim() === '' ? null : draft.trim();
  const missing = props.required && note === null;
  const save = () => {
    if (note !== props.note && !missing) props.onSave(note);
  };
  return (
    <Textarea
      aria-label="Note"
      aria-description={`Note on sample ${props.item}; saved on Enter or when you leave the field`}
      size="xs"
      autosize
      minRows={1}
      value={draft}
      error={missing ? 'A failed sample needs a note saying what deviated' : undefined}
      placeholder="No note"
      onChange={(event) => setDraft(event.currentTarget.value)}
      {...textLimit(draft, MAX_TEXT_LENGTH)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.shiftKey) {
          event.preventDefault();
          save();
        }
        if (event.key === 'Escape') setDraft(props.note ?? '');
      }}
    />
  );
}

function SampleRow(props: {
  position: number;
  sample: Sample;
  recordedBy: Role | null;
  role: Role | null;
  controlId: string;
  canRecord: boolean;
  reload: () => void;
}) {
  const { sample, controlId } = props;
  const refusal = props.canRecord && props.role ? resultChangeRefusal(props.recordedBy, props.role, `the result of ${sample.item}`) : null;
  // The auditor's record changes only with a reason: through the dialog, never by editing the note in place.
  const inPlace = props.canRecord && refusal === null && (!isAuditorsRecord(props.recordedBy) || props.role === 'auditor');
  const update = useUpdateSample();
  const [changing, setChanging] = useState<SampleResult | null>(null);
  const record = (changes: SampleChanges) =>
    update.mutate({ controlId, item: sample.item, changes }, { onError: (error) => notifyError(error, props.reload) });
  // While the change is on its way, show what the person chose.
  const pending = update.isPending ? update.variables.changes.result : undefined;

  return (
    <Table.Tr>
      <Table.Td c="dimmed">{props.position}</Table.Td>
      <Table.Th scope="row" fw={500}>
        <Id>{sample.item}</Id>
      </Table.Th>
      <Table.Td>
        {props.canRecord ? (
          <Stack gap={2}>
            <SegmentedControl
              aria-label="Result"
              aria-description={refusal ?? undefined}
              size="xs"
              data={RESULT_OPTIONS}
              value={pending ?? sample.result}
              disabled={refusal !== null}
              color={(pending ?? sample.result) === 'fail' ? 'red' : 'teal'}
              onChange={(value) => value !== sample.result && setChanging(value as SampleResult)}
            />
            {refusal && (
              <Text size="xs" c="dimmed">
                Recorded by the auditor: only the auditor, or an admin with a reason, can change it.
              </Text>
            )}
          </Stack>
        ) : (
          <StatusBadge value={sample.result} />
        )}
      </Table.Td>
      <Table.Td>
        {inPlace ? (
          <NoteField key={sample.note ?? ''} item={sample.item} note={sample.note} required={sample.result === 'fail'} onSave={(note) => record({ note })} />
        ) : (
          (sample.note ?? <Text c="dimmed">—</Text>)
        )}
        {changing && (
          <ChangeResultModal
            sample={sample}
            byTheAuditor={isAuditorsRecord(props.recordedBy)}
            result={changing}
            onCancel={() => setChanging(null)}
            onSubmit={(changes) => {
              setChanging(null);
              record(changes);
            }}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function SamplesTable(props: { test: ControlTest; controlId: string; canRecord: boolean; reload: () => void }) {
  const { samples, recordedBy } = props.test;
  const role = useRole();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(samples.length / SAMPLES_PER_PAGE));
  const current = Math.min(page, pages);
  const first = (current - 1) * SAMPLES_PER_PAGE;

  if (samples.length === 0) return <Text c="dimmed">No samples yet.</Text>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="Samples" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50}>#</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th w={140}>Result</Table.Th>
              <Table.Th>Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {samples.slice(first, first + SAMPLES_PER_PAGE).map((sample, i) => (
              <SampleRow
                key={sample.item}
                position={first + i + 1}
                sample={sample}
                recordedBy={recordedBy[sample.item] ?? null}
                role={role}
                controlId={props.controlId}
                canRecord={props.canRecord}
                reload={props.reload}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label="Pages of samples" />
        </Group>
      )}
    </Stack>
  );
}
