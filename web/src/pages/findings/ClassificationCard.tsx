/**
 * The classification: the engine's forecast (kind, severity, pervasiveness) with its reasons, and the auditor's
 * judgment beside it where it departs. Only the auditor (and the admin) overrides (finding.judge), always with a reason; the
 * forecast is never replaced, so the report can show both.
 */
import { Alert, Button, Group, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { SEVERITIES, type Severity } from '@assay/domain/evaluation/result.js';
import { useClearOverride, useOverride, type Finding, type OverrideInput } from '../../api/findings.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Facts } from '../controls/Facts.js';
import { pervasiveText, severityText } from './format.js';
import { saving } from '../../components/saving.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { optionsOf, statusLabel } from '../../labels.js';
import { FormActions } from '../../components/FormActions.js';
import { SectionCard } from '../../components/SectionCard.js';
import { formatDate } from '../../dates.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

interface OverrideValues {
  /** Empty: the forecast severity stands. */
  severity: Severity | '';
  /** Empty: the forecast pervasiveness stands. */
  pervasive: '' | 'pervasive' | 'not_pervasive';
  reason: string;
}

export function validateOverride(values: OverrideValues): Partial<Record<keyof OverrideValues, string>> {
  const errors: Partial<Record<keyof OverrideValues, string>> = {};
  if (values.severity === '' && values.pervasive === '') errors.severity = 'Judge the severity, the pervasiveness or both';
  if (values.reason.trim() === '') errors.reason = 'Say why the judgment departs from the forecast';
  return errors;
}

export function toOverride(values: OverrideValues): OverrideInput {
  return {
    severity: values.severity === '' ? null : values.severity,
    pervasive: values.pervasive === '' ? null : values.pervasive === 'pervasive',
    reason: values.reason.trim(),
  };
}

function OverrideForm(props: { finding: Finding; onSubmit: (override: OverrideInput) => Promise<void>; onCancel: () => void }) {
  const current = props.finding.classification.override;
  const form = useForm<OverrideValues>({
    mode: 'controlled',
    initialValues: {
      severity: current?.severity ?? '',
      pervasive: current?.pervasive == null ? '' : current.pervasive ? 'pervasive' : 'not_pervasive',
      reason: current?.reason ?? '',
    },
    validate: validateOverride,
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(toOverride(values)), form))}
    >
      <Stack>
        <Select
          label="Severity"
          allowDeselect={false}
          data={[{ value: '', label: 'The forecast stands' }, ...optionsOf(SEVERITIES)]}
          {...form.getInputProps('severity')}
        />
        <Select
          label="Pervasive"
          allowDeselect={false}
          data={[
            { value: '', label: 'The forecast stands' },
            { value: 'pervasive', label: 'pervasive' },
            { value: 'not_pervasive', label: 'not pervasive' },
          ]}
          {...form.getInputProps('pervasive')}
        />
        <Textarea label="Reason" withAsterisk rows={3} resize="vertical" {...limitedText(form, 'reason', MAX_TEXT_LENGTH)} />
        <FormActions submitLabel="Save the judgment" loading={form.submitting} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}

export function ClassificationCard(props: { finding: Finding; canJudge: boolean; reload: () => void }) {
  const { finding } = props;
  const { classification } = finding;
  const override = classification.override;
  const [editing, editor] = useDisclosure(false);
  const save = useOverride();
  const clear = useClearOverride();

  return (
    <SectionCard
      title="Classification"
      padding="md"
      aside={
        <Text fw={500} aria-label="Severity that stands">
          {severityText(classification)}, {pervasiveText(classification)}
        </Text>
      }
    >
      <Text size="sm" fw={500}>
        The engine&apos;s forecast
      </Text>
      <Facts
        items={[
          ['Kind', `${statusLabel(classification.kind)} deficiency`],
          ['Severity', <StatusBadge key="severity" value={classification.severity} />],
          ['Pervasive', classification.pervasive ? 'yes' : 'no'],
        ]}
      />
      {classification.reasons.length > 0 && (
        <List spacing={4} size="sm" aria-label="Reasons of the forecast">
          {classification.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
      {override ? (
        <Alert color="indigo" title="The auditor's judgment">
          <Stack gap={4}>
            {override.severity !== null && <Text size="sm">Severity: {statusLabel(override.severity)}</Text>}
            {override.pervasive !== null && <Text size="sm">Pervasive: {override.pervasive ? 'yes' : 'no'}</Text>}
            <Text size="sm">Reason: {override.reason}</Text>
            {(override.by || override.on) && (
              <Text size="sm" c="dimmed">
                {[override.by, override.on && formatDate(override.on)].filter(Boolean).join(' · ')}
              </Text>
            )}
          </Stack>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          No override: the engine&apos;s forecast stands.
        </Text>
      )}
      {props.canJudge && (
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={editor.open}>
            {override ? 'Change the judgment' : 'Override the forecast'}
          </Button>
          {override && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              loading={clear.isPending}
              onClick={() =>
                clear.mutate(
                  { findingCode: finding.code, version: finding.version },
                  { onSuccess: () => notifySaved('The forecast stands again'), onError: (error) => notifyError(error, props.reload) },
                )
              }
            >
              Remove the override
            </Button>
          )}
        </Group>
      )}
      <Modal opened={editing} onClose={editor.close} title={`Judge the classification of ${finding.code}`}>
        <OverrideForm
          finding={finding}
          onCancel={editor.close}
          onSubmit={(input) =>
            saving(save.mutateAsync({ findingCode: finding.code, version: finding.version, override: input }), 'Judgment recorded beside the forecast', props.reload).then(
              editor.close,
            )
          }
        />
      </Modal>
    </SectionCard>
  );
}
