/** The form of a control, for a new one and for changing one: checked as the server checks it. */
import { Button, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { criteriaOfCategories, findCriterion, type Category } from '@assay/domain/criteria/catalogue.js';
import { DESIGN_ASSESSMENTS, FREQUENCIES, NATURES } from '@assay/domain/engagement.js';
import { fieldErrorsOf, ownerNote, validateControl, type ControlFormValues } from './control-form.js';
import { frequencyLabel, optionsOf } from '../../labels.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_CONTROL_ID_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

/** The engagement's criteria grouped by series, plus any the control has outside them (so none disappears). */
function criterionOptions(categories: readonly string[], selected: readonly string[]) {
  const ids = criteriaOfCategories(categories as Category[]).map((c) => c.id);
  for (const id of selected) if (!ids.includes(id)) ids.push(id);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const id of ids) {
    const criterion = findCriterion(id);
    const group = criterion?.series ?? 'Other';
    groups.set(group, [...(groups.get(group) ?? []), { value: id, label: criterion ? `${id} ${criterion.title}` : id }]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

export function ControlForm(props: {
  initial: ControlFormValues;
  /** The id of the control being changed; absent for a new one. */
  editing?: string;
  categories: readonly string[];
  /** The engagement's control ids (for compensates, and to refuse a taken id). */
  controlIds: readonly string[];
  submitLabel: string;
  /** Sends the values; a refusal of the server is shown on its fields, and thrown on for the caller to tell. */
  onSubmit: (values: ControlFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { editing, controlIds } = props;
  const form = useForm<ControlFormValues>({
    mode: 'controlled',
    initialValues: props.initial,
    validate: (values) => validateControl(values, controlIds, editing),
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await props.onSubmit(values);
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
    }
  });

  const self = editing ?? form.values.id.trim();
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label="Id"
          description={editing ? 'The id stays: tests and other controls refer to it' : 'Unique in the engagement, e.g. AC-04'}
          withAsterisk={!editing}
          disabled={Boolean(editing)}
          {...limitedText(form, 'id', MAX_CONTROL_ID_LENGTH)}
        />
        <TextInput label="Title" description="What the control does" withAsterisk {...limitedText(form, 'title', MAX_TEXT_LENGTH)} />
        <MultiSelect
          label="Criteria"
          description="The criteria the control addresses"
          withAsterisk
          searchable
          data={criterionOptions(props.categories, form.values.criteria)}
          {...form.getInputProps('criteria')}
        />
        <Group grow align="flex-start">
          <Select
            label="Frequency"
            allowDeselect={false}
            data={optionsOf(FREQUENCIES, frequencyLabel)}
            {...form.getInputProps('frequency')}
          />
          <Select label="Nature" allowDeselect={false} data={optionsOf(NATURES)} {...form.getInputProps('nature')} />
          <Select label="Design" allowDeselect={false} data={optionsOf(DESIGN_ASSESSMENTS)} {...form.getInputProps('design')} />
        </Group>
        <Switch
          label="Key control"
          description="A criterion fails when a key control fails and nothing compensates it"
          {...form.getInputProps('key', { type: 'checkbox' })}
        />
        <MultiSelect
          label="Compensates"
          description="Controls whose failure this one makes up for"
          searchable
          data={controlIds.filter((id) => id !== self)}
          {...form.getInputProps('compensates')}
        />
        <TextInput
          label="Owner"
          description={ownerNote(form.values.owner)}
          placeholder="it-ops@example.com"
          {...limitedText(form, 'owner', MAX_OWNER_LENGTH)}
        />
        {Object.keys(form.errors).length > 0 && (
          <Text size="sm" c="red" role="status">
            Check the fields marked in red.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
