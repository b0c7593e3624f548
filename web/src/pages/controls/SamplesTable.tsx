/**
 * The samples of a control's test: item, result and note per row. Whoever records tests sets each result with
 * a pass/fail control labelled "Result" and edits the note in place (saved on Enter or on leaving the field);
 * everyone else reads them.
 */
import { Group, Pagination, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useUpdateSample, type ControlTest, type Sample, type SampleResult } from '../../api/controls.js';
import { notifyError } from '../../components/notify.js';
import { StatusBadge } from '../../components/StatusBadge.js';

/** Rows on one page of the samples table. */
export const SAMPLES_PER_PAGE = 100;

export const RESULT_OPTIONS = [
  { value: 'pass', label: 'pass' },
  { value: 'fail', label: 'fail' },
];

/** The note being typed; saved when it differs from the recorded one. Remounted when the recorded one changes. */
function NoteField(props: { item: string; note: string | null; onSave: (note: string | null) => void }) {
  const [draft, setDraft] = useState(props.note ?? '');
  const save = () => {
    const note = draft.trim() === '' ? null : draft.trim();
    if (note !== props.note) props.onSave(note);
  };
  return (
    <TextInput
      aria-label="Note"
      aria-description={`Note on sample ${props.item}; saved on Enter or when you leave the field`}
      size="xs"
      value={draft}
      placeholder="No note"
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter') save();
        if (event.key === 'Escape') setDraft(props.note ?? '');
      }}
    />
  );
}

function SampleRow(props: { position: number; sample: Sample; controlId: string; canRecord: boolean; reload: () => void }) {
  const { sample, controlId } = props;
  const update = useUpdateSample();
  const record = (changes: Partial<Pick<Sample, 'result' | 'note'>>) =>
    update.mutate({ controlId, item: sample.item, changes }, { onError: (error) => notifyError(error, props.reload) });
  // While the change is on its way, show what the person chose.
  const pending = update.isPending ? update.variables.changes.result : undefined;

  return (
    <Table.Tr>
      <Table.Td c="dimmed">{props.position}</Table.Td>
      <Table.Th scope="row" fw={500}>
        {sample.item}
      </Table.Th>
      <Table.Td>
        {props.canRecord ? (
          <SegmentedControl
            aria-label="Result"
            size="xs"
            data={RESULT_OPTIONS}
            value={pending ?? sample.result}
            color={(pending ?? sample.result) === 'fail' ? 'red' : 'teal'}
            onChange={(value) => value !== sample.result && record({ result: value as SampleResult })}
          />
        ) : (
          <StatusBadge value={sample.result} />
        )}
      </Table.Td>
      <Table.Td>
        {props.canRecord ? (
          <NoteField key={sample.note ?? ''} item={sample.item} note={sample.note} onSave={(note) => record({ note })} />
        ) : (
          (sample.note ?? <Text c="dimmed">—</Text>)
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function SamplesTable(props: { test: ControlTest; controlId: string; canRecord: boolean; reload: () => void }) {
  const { samples } = props.test;
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
