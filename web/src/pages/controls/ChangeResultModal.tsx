/**
 * Changing a recorded result: the reason is required (it goes into the control's history with the result before
 * and after), and a fail keeps a note saying what deviated.
 */
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Sample, SampleChanges } from '../../api/controls.js';
import { checkSampleRecord } from '@assay/domain/test-changes.js';
import { statusLabel } from '../../labels.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

interface Values {
  note: string;
  reason: string;
}

/** The form's errors, by field, from the rule the server applies. */
export function validateResultChange(sample: Sample, result: Sample['result'], values: Values): Partial<Record<keyof Values, string>> {
  const note = values.note.trim() === '' ? null : values.note.trim();
  const errors: Partial<Record<keyof Values, string>> = {};
  for (const problem of checkSampleRecord(sample, { ...sample, result, note }, values.reason)) {
    if (problem.path[0] === 'note') errors.note = 'Say what deviated: a failed sample needs a note';
    if (problem.path[0] === 'reason') errors.reason = 'Say why the recorded result changes: it goes into the control’s history';
  }
  return errors;
}

export function ChangeResultModal(props: {
  sample: Sample;
  /** Whether the auditor recorded the result: then whoever else changes it answers for it in the history. */
  byTheAuditor?: boolean;
  result: Sample['result'];
  onCancel: () => void;
  onSubmit: (changes: SampleChanges) => void;
}) {
  const { sample, result } = props;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { note: sample.note ?? '', reason: '' },
    validate: (values) => validateResultChange(sample, result, values),
  });
  return (
    <Modal opened onClose={props.onCancel} title={`Change the result of ${sample.item}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const note = values.note.trim() === '' ? null : values.note.trim();
          props.onSubmit({ result, note, reason: values.reason.trim() });
        })}
      >
        <Stack>
          <Text size="sm">
            Recorded as {statusLabel(sample.result)}
            {props.byTheAuditor ? ' by the auditor' : ''}; changing it to {statusLabel(result)}. The change, its reason and who made it are kept in
            the control’s history.
          </Text>
          <TextInput label="Note" withAsterisk={result === 'fail'} placeholder="What deviated, e.g. access removed 9 days late" {...limitedText(form, 'note', MAX_TEXT_LENGTH)} />
          <Textarea label="Reason for the change" withAsterisk autosize minRows={2} data-autofocus {...limitedText(form, 'reason', MAX_TEXT_LENGTH)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button type="submit">Change to {result}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
