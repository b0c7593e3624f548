/** The parts of the engagement settings form: each a fieldset, disabled for a role that only reads. */
import { ActionIcon, Button, Checkbox, Fieldset, Group, NumberInput, Radio, type NumberInputProps, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { MAX_PERVASIVE_SERIES } from '@assay/contract/limits.js';
import { categoryLabel } from '../../labels.js';
import { CATEGORIES, MAX_MISSTATEMENTS, withSecurity, type EngagementFormValues } from './engagement-form.js';
import type { EngagementForm } from './useEngagementForm.js';
import { DateField } from '../../components/DateField.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

interface Part {
  form: EngagementForm;
  editable: boolean;
}

/** Name, system, report type, period and categories. */
export function EngagementFieldset({ form, editable }: Part) {
  const type2 = form.values.reportType === 'type2';
  return (
    <Fieldset legend="Engagement" disabled={!editable}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Engagement name" withAsterisk={editable} {...limitedText(form, 'name', MAX_NAME_LENGTH)} />
        <TextInput label="System" withAsterisk={editable} {...limitedText(form, 'system', MAX_NAME_LENGTH)} />
      </SimpleGrid>
      <Radio.Group label="Report type" mt="md" {...form.getInputProps('reportType')}>
        <Group mt="xs">
          <Radio value="type1" label="Type 1 (design as of a date)" />
          <Radio value="type2" label="Type 2 (design and operation over a period)" />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
        {type2 && <DateField label="Period start" withAsterisk={editable} {...form.getInputProps('periodStart')} />}
        <DateField label={type2 ? 'Period end' : 'As of'} withAsterisk={editable} {...form.getInputProps('periodEnd')} />
      </SimpleGrid>
      <Checkbox.Group
        label="Categories"
        description="Security is always in scope."
        mt="md"
        {...form.getInputProps('categories')}
        onChange={(value) => form.setFieldValue('categories', withSecurity(value.filter((v) => (CATEGORIES as readonly string[]).includes(v)) as EngagementFormValues['categories']))}
      >
        <Group mt="xs">
          {CATEGORIES.map((c) => (
            <Checkbox key={c} value={c} label={categoryLabel(c)} disabled={c === 'security' || !editable} />
          ))}
        </Group>
      </Checkbox.Group>
    </Fieldset>
  );
}

/** A share between 0 and 1, to four decimals. */
function RateInput(props: NumberInputProps) {
  return <NumberInput min={0} max={1} step={0.01} decimalScale={4} {...props} />;
}

/** The confidence and tolerable rate every upper deviation limit is judged with. */
export function SamplingFieldset({ form, editable }: Part) {
  return (
    <Fieldset legend="Sampling" disabled={!editable}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <RateInput label="Confidence" description="One-sided confidence of the upper deviation limit, e.g. 0.90" {...form.getInputProps('confidence')} />
        <RateInput label="Tolerable rate" description="The highest deviation rate still relied on, e.g. 0.10" {...form.getInputProps('tolerableRate')} />
      </SimpleGrid>
    </Fieldset>
  );
}

export function PervasivenessFieldset({ form, editable }: Part) {
  return (
    <Fieldset legend="Pervasiveness" disabled={!editable}>
      <Text size="sm" c="dimmed" mb="xs">
        A set of criteria is pervasive when it spans at least this many series, or holds at least this share of the
        in-scope criteria.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput label="Minimum series" min={1} max={MAX_PERVASIVE_SERIES} step={1} allowDecimal={false} {...form.getInputProps('minSeries')} />
        <NumberInput label="Minimum share" min={0} max={1} step={0.05} decimalScale={4} {...form.getInputProps('minShare')} />
      </SimpleGrid>
    </Fieldset>
  );
}

/** Misstatements of the system's description, each possibly pervasive: they drive the description's opinion. */
export function MisstatementsFieldset({ form, editable }: Part) {
  return (
    <Fieldset legend="Description misstatements" disabled={!editable}>
      <Stack gap="sm">
        {form.values.misstatements.length === 0 && (
          <Text size="sm" c="dimmed">
            None: the description of the system is fairly presented.
          </Text>
        )}
        {form.values.misstatements.map((_, index) => (
          <Group key={index} align="flex-start" wrap="nowrap">
            <Textarea label={`Misstatement ${index + 1}`} rows={2} style={{ flex: 1 }} {...limitedText(form, `misstatements.${index}.text`, MAX_TEXT_LENGTH)} />
            <Checkbox label="Pervasive" mt={30} {...form.getInputProps(`misstatements.${index}.pervasive`, { type: 'checkbox' })} />
            {editable && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={`Remove misstatement ${index + 1}`}
                onClick={() => form.removeListItem('misstatements', index)}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
        {editable && (
          <Group>
            <Button
              variant="light"
              size="xs"
              disabled={form.values.misstatements.length >= MAX_MISSTATEMENTS}
              onClick={() => form.insertListItem('misstatements', { text: '', pervasive: false })}
            >
              Add misstatement
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
