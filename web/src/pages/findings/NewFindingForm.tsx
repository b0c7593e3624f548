/**
 * A finding written by hand: a readiness gap, an auditor's observation, a self-identified issue or a monitoring
 * failure, with the classification first assessed (deficiencies of the examination come from the engine).
 */
import { Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FAILURE_KINDS, FINDING_SOURCES } from '@assay/domain/findings/model.js';
import { SEVERITIES, type FailureKind, type Severity } from '@assay/domain/evaluation/result.js';
import type { ListedControl } from '../../api/controls.js';
import type { NewFinding } from '../../api/findings.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { optionsOf } from '../../labels.js';
import { FormActions } from '../../components/FormActions.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

type ManualSource = Exclude<NewFinding['source'], 'deficiency'>;

export interface NewFindingValues {
  source: ManualSource;
  title: string;
  description: string;
  /** Empty for none. */
  control: string;
  /** Empty: the control's criteria. */
  criteria: string[];
  kind: FailureKind;
  severity: Severity;
}


export function validateNewFinding(values: NewFindingValues): Partial<Record<keyof NewFindingValues, string>> {
  const errors: Partial<Record<keyof NewFindingValues, string>> = {};
  if (values.title.trim() === '') errors.title = 'Say in a line what was found';
  if (values.control === '' && values.criteria.length === 0) errors.criteria = 'Name the control, or the criteria it concerns';
  return errors;
}

export function toNewFinding(values: NewFindingValues): NewFinding {
  const description = values.description.trim();
  return {
    source: values.source,
    title: values.title.trim(),
    description: description === '' ? null : description,
    control: values.control === '' ? null : values.control,
    ...(values.criteria.length > 0 && { criteria: values.criteria }),
    kind: values.kind,
    severity: values.severity,
  };
}

export function NewFindingForm(props: {
  controls: ListedControl[];
  /** The criteria in scope, for a finding on no control. */
  criteria: string[];
  onSubmit: (finding: NewFinding) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm<NewFindingValues>({
    mode: 'controlled',
    initialValues: { source: 'self_identified', title: '', description: '', control: '', criteria: [], kind: 'operating', severity: 'deficiency' },
    validate: validateNewFinding,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(toNewFinding(values)), form))}
    >
      <Stack>
        <Select label="Source" allowDeselect={false} data={optionsOf(FINDING_SOURCES.filter((s) => s !== 'deficiency'))} {...form.getInputProps('source')} />
        <TextInput label="Title" withAsterisk data-autofocus {...limitedText(form, 'title', MAX_TEXT_LENGTH)} />
        <Textarea label="Description" rows={3} resize="vertical" {...limitedText(form, 'description', MAX_TEXT_LENGTH)} />
        <Select
          label="Control"
          placeholder="None"
          clearable
          searchable
          data={props.controls.map((c) => ({ value: c.id, label: `${c.id} · ${c.title}` }))}
          {...form.getInputProps('control')}
          onChange={(value) => form.setFieldValue('control', value ?? '')}
        />
        <MultiSelect
          label="Criteria"
          description="Left empty: the control's criteria"
          searchable
          data={props.criteria}
          {...form.getInputProps('criteria')}
        />
        <Group grow>
          <Select label="Kind" allowDeselect={false} data={optionsOf(FAILURE_KINDS)} {...form.getInputProps('kind')} />
          <Select label="Severity" allowDeselect={false} data={optionsOf(SEVERITIES)} {...form.getInputProps('severity')} />
        </Group>
        <FormActions submitLabel="Create the finding" loading={form.submitting} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}
