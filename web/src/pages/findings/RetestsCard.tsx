/**
 * Retests of the control after the fix: each over a period of its own, with a new sample, concluded by the
 * engine's own control-conclusion rules. A finding closes only on a retest over a period starting after the last
 * corrective action was completed that concludes effective.
 */
import { ActionIcon, Button, Group, List, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { TEST_METHODS } from '@assay/domain/engagement.js';
import { lastCompletion } from '@assay/domain/findings/closure.js';
import { useRecordRetest, type Finding, type RetestInput } from '../../api/findings.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { RESULT_OPTIONS } from '../controls/SamplesTable.js';
import { emptyRetest, toRetest, validateRetest, type RetestValues } from './retest-form.js';
import { saving } from '../../components/saving.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { optionsOf, statusLabel } from '../../labels.js';
import { DateField } from '../../components/DateField.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_SAMPLE_ITEM_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { FormActions } from '../../components/FormActions.js';
import { SectionAction, SectionCard } from '../../components/SectionCard.js';
import { formatDate, formatPeriod } from '../../dates.js';
import { counted } from '@assay/domain/words.js';

function RetestForm(props: { fixedOn: string | null; onSubmit: (retest: RetestInput) => Promise<void>; onCancel: () => void }) {
  const form = useForm<RetestValues>({ mode: 'controlled', initialValues: emptyRetest(), validate: (values) => validateRetest(values, props.fixedOn) });
  const samples = form.values.samples;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(toRetest(values))))}
    >
      <Stack>
        <Group grow align="flex-start">
          <DateField label="Performed on" withAsterisk {...form.getInputProps('date')} />
          <Select label="Method" allowDeselect={false} data={optionsOf(TEST_METHODS)} {...form.getInputProps('method')} />
        </Group>
        <Group grow align="flex-start">
          <DateField
            label="Period start"
            withAsterisk
            description={props.fixedOn ? `After ${formatDate(props.fixedOn)}, when the fix was completed` : undefined}
            {...form.getInputProps('periodStart')}
          />
          <DateField label="Period end" withAsterisk {...form.getInputProps('periodEnd')} />
        </Group>
        <NumberInput
          label="Population size"
          description="How many items the retest period produced"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('populationSize')}
        />
        <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" size="sm" fw={500}>
            Samples
          </Text>
          {samples.map((sample, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap" role="group" aria-label={`Sample ${i + 1}`}>
              <TextInput style={{ flex: 1 }} label="Item" {...limitedText(form, `samples.${i}.item`, MAX_SAMPLE_ITEM_LENGTH)} />
              <SegmentedControl
                aria-label="Result"
                data={RESULT_OPTIONS}
                color={sample.result === 'fail' ? 'red' : 'teal'}
                {...form.getInputProps(`samples.${i}.result`)}
              />
              <TextInput style={{ flex: 2 }} label="Note" {...limitedText(form, `samples.${i}.note`, MAX_TEXT_LENGTH)} />
              {samples.length > 1 && (
                <ActionIcon variant="subtle" color="red" mb={6} aria-label={`Remove sample ${i + 1}`} onClick={() => form.removeListItem('samples', i)}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => form.insertListItem('samples', { item: '', result: 'pass', note: '' })}>
            Add a sample
          </Button>
        </Stack>
        <FormActions submitLabel="Record the retest" loading={form.submitting} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}

export function RetestsCard(props: { finding: Finding; canRecord: boolean; reload: () => void }) {
  const { finding } = props;
  const [recording, recorder] = useDisclosure(false);
  const record = useRecordRetest();
  const fixedOn = lastCompletion(finding);

  return (
    <SectionCard
      title="Retests"
      padding="md"
      aside={props.canRecord && <SectionAction onClick={recorder.open}>Record a retest</SectionAction>}
    >
      {finding.retests.length === 0 ? (
        <Text c="dimmed">
          No retest yet.{' '}
          {fixedOn ? `Retest the control over a period starting after ${fixedOn}.` : 'The control is retested once every corrective action is done.'}
        </Text>
      ) : (
        finding.retests.map((retest) => (
          <Stack key={retest.id} gap={4} component="article" aria-label={`Retest ${retest.id}`}>
            <Group gap="sm">
              <Text fw={500}>
                {retest.id} · {retest.control} · {formatPeriod(retest.periodStart, retest.periodEnd)}
              </Text>
              {retest.conclusion && <StatusBadge value={retest.conclusion} aria-label={`Retest conclusion: ${statusLabel(retest.conclusion)}`} />}
            </Group>
            <Text size="sm" c="dimmed">
              Performed on {formatDate(retest.date)} by {statusLabel(retest.method)}; {counted(retest.samples.length, 'sample')}
              {retest.populationSize !== null && ` of a population of ${retest.populationSize}`},{' '}
              {retest.samples.filter((s) => s.result === 'fail').length} failed
            </Text>
            {retest.reasons.length > 0 && (
              <List size="sm" spacing={2}>
                {retest.reasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        ))
      )}
      <Modal opened={recording} onClose={recorder.close} title={`Retest ${finding.control ?? 'the control'}`} size="xl">
        <RetestForm
          fixedOn={fixedOn}
          onCancel={recorder.close}
          onSubmit={(retest) =>
            saving(record.mutateAsync({ findingCode: finding.code, version: finding.version, retest }), 'Retest recorded', props.reload).then(recorder.close)
          }
        />
      </Modal>
    </SectionCard>
  );
}
