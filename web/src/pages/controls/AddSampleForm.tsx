/**
 * Adding one sample to a test, or recording the result of an item selected but not yet tested: its item id,
 * result (none chosen until the person chooses: a result is never pre-marked) and note, checked as the server
 * checks them.
 */
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useForm } from '@mantine/form';
import { MAX_SAMPLE_ITEM_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { byField } from '@assay/domain/problems.js';
import { newSampleProblems } from '@assay/domain/sampling/integrity.js';
import { checkSampleRecord } from '@assay/domain/test-changes.js';
import type { ControlTest, Sample, SampleResult } from '../../api/controls.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { limitedText } from '../../components/text-limit.js';
import { RESULT_OPTIONS } from './SamplesTable.js';

interface Values {
  item: string;
  /** Empty until the person chooses. */
  result: SampleResult | '';
  note: string;
}

export function validateSample(values: Values, test: ControlTest): Partial<Record<keyof Values, string>> {
  const item = values.item.trim();
  if (item === '') return { item: 'Give the id of the sampled item, e.g. the ticket or record number' };
  const sampled = test.samples.some((s) => s.item === item);
  const note = values.note.trim() === '' ? null : values.note.trim();
  const problems = newSampleProblems({ populationSize: test.populationSize, sampleCount: test.samples.length, untested: test.untested }, item, sampled);
  if (values.result !== '') problems.push(...checkSampleRecord(null, { item, result: values.result, note }, null));
  const errors = byField<keyof Values>(problems);
  if (values.result === '') errors.result = 'Choose the result: pass or fail';
  return errors;
}

export function AddSampleForm(props: {
  test: ControlTest;
  /** The item selected but not yet tested whose result this records, or '' for a new item. */
  item?: string;
  onSubmit: (sample: Sample) => Promise<void>;
  onCancel: () => void;
}) {
  const resultLabel = useId();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { item: props.item ?? '', result: '', note: '' },
    validate: (values) => validateSample(values, props.test),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const note = values.note.trim();
        return keepOnRefusal(() => props.onSubmit({ item: values.item.trim(), result: values.result as SampleResult, note: note === '' ? null : note }), form);
      })}
    >
      <Stack>
        <TextInput label="Item id" withAsterisk data-autofocus readOnly={Boolean(props.item)} {...limitedText(form, 'item', MAX_SAMPLE_ITEM_LENGTH)} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={resultLabel}>
            Result
          </Text>
          <SegmentedControl aria-labelledby={resultLabel} data={RESULT_OPTIONS} {...form.getInputProps('result')} />
          {form.errors.result && (
            <Text size="xs" c="red">
              {form.errors.result}
            </Text>
          )}
        </Stack>
        <TextInput label="Note" placeholder="What was found, e.g. access removed 9 days late" {...limitedText(form, 'note', MAX_TEXT_LENGTH)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {props.item ? 'Record the result' : 'Add the sample'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
