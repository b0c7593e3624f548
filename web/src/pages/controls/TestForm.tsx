/**
 * Recording a control's test, or changing it: the method (test work) and the population (evidence). A part the
 * person may not change is shown but disabled, with the reason.
 */
import { Button, Group, NumberInput, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { TEST_METHODS } from '@assay/domain/engagement.js';
import type { ControlTest } from '../../api/controls.js';
import { testValues, validateTest, type TestFormValues, type TestPermissions } from './test-form.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { optionsOf } from '../../labels.js';

export function TestForm(props: {
  test: ControlTest | null;
  can: TestPermissions;
  onSubmit: (values: TestFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { test, can } = props;
  const form = useForm<TestFormValues>({
    mode: 'controlled',
    initialValues: testValues(test),
    validate: (values) => validateTest(values, test),
  });
  const evidenceNote = can.evidence
    ? undefined
    : 'Evidence the organisation provides: compliance or the control’s owner states it, you test it as it stands';

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(values), form))}
    >
      <Stack>
        <Select
          label="Method"
          allowDeselect={false}
          data={optionsOf(TEST_METHODS)}
          disabled={!can.record}
          description={can.record ? 'How the auditor tests each sample' : 'Test work: the auditor or compliance records it'}
          {...form.getInputProps('method')}
        />
        <NumberInput
          label="Population size"
          description={evidenceNote ?? 'How many items the period produced (e.g. terminations, changes, days)'}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          disabled={!can.evidence}
          {...form.getInputProps('populationSize')}
        />
        <Textarea
          label="Scope limitation"
          description={evidenceNote ?? 'Only when the population could not be produced: say why'}
          rows={3}
          resize="vertical"
          disabled={!can.evidence}
          {...limitedText(form, 'scopeLimitation', MAX_TEXT_LENGTH)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save the test
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
