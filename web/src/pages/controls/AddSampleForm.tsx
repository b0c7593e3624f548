/** Adding one sample to a test: its item id, result and note, checked as the server checks them. */
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useForm } from '@mantine/form';
import { byField } from '@assay/domain/problems.js';
import { newSampleProblems } from '@assay/domain/sampling/integrity.js';
import type { ControlTest, Sample, SampleResult } from '../../api/controls.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { RESULT_OPTIONS } from './SamplesTable.js';

interface Values {
  item: string;
  result: SampleResult;
  note: string;
}

export function validateSample(values: Values, test: ControlTest): Partial<Record<keyof Values, string>> {
  const item = values.item.trim();
  if (item === '') return { item: 'Give the id of the sampled item, e.g. the ticket or record number' };
  const sampled = test.samples.some((s) => s.item === item);
  return byField(newSampleProblems({ populationSize: test.populationSize, sampleCount: test.samples.length }, item, sampled));
}

export function AddSampleForm(props: { test: ControlTest; onSubmit: (sample: Sample) => Promise<void>; onCancel: () => void }) {
  const resultLabel = useId();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { item: '', result: 'pass', note: '' },
    validate: (values) => validateSample(values, props.test),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const note = values.note.trim();
        return keepOnRefusal(() => props.onSubmit({ item: values.item.trim(), result: values.result, note: note === '' ? null : note }));
      })}
    >
      <Stack>
        <TextInput label="Item id" withAsterisk data-autofocus {...form.getInputProps('item')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={resultLabel}>
            Result
          </Text>
          <SegmentedControl aria-labelledby={resultLabel} data={RESULT_OPTIONS} {...form.getInputProps('result')} />
        </Stack>
        <TextInput label="Note" placeholder="What was found, e.g. access removed 9 days late" {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Add the sample
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
