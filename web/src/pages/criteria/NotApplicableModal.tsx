/**
 * Proposing a criterion not applicable: the reason is required, since the report states it; the proposal counts
 * only once the auditor accepts it.
 */
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { CriterionResult } from '../../api/types.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { FormActions } from '../../components/FormActions.js';
import { limitedText } from '../../components/text-limit.js';


function ReasonForm({ onSubmit, onCancel, pending }: { onSubmit: (reason: string) => void; onCancel: () => void; pending: boolean }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: {
      reason: (value) =>
        value.trim() === ''
          ? 'Give the reason the criterion does not apply to this system'
          : value.trim().length > MAX_TEXT_LENGTH
            ? `At most ${MAX_TEXT_LENGTH} characters`
            : null,
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values.reason.trim()))} noValidate>
      <Stack gap="md">
        <Textarea
          label="Reason"
          description="Why the criterion does not apply to the system; the report states it."
          required
          rows={4}
          data-autofocus
          {...limitedText(form, 'reason', MAX_TEXT_LENGTH)}
        />
        <FormActions submitLabel="Propose not applicable" loading={pending} lockCancel onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function NotApplicableModal({
  criterion,
  onClose,
  onSubmit,
  pending,
}: {
  criterion: CriterionResult | null;
  onClose: () => void;
  onSubmit: (reason: string) => void;
  pending: boolean;
}) {
  return (
    <Modal opened={criterion !== null} onClose={onClose} title={criterion ? `Propose ${criterion.id} not applicable` : ''} size="lg">
      {criterion && (
        <Stack gap="sm">
          <Text size="sm">
            {criterion.id}: {criterion.title}. Not applicable is management&apos;s assertion, which the auditor accepts:
            until then the criterion stays in the examination and the opinion forecast. Once accepted it is left out, and
            the report states the reason.
          </Text>
          {/* Keyed by the criterion, so each opening starts with an empty reason. */}
          <ReasonForm key={criterion.id} onSubmit={onSubmit} onCancel={onClose} pending={pending} />
        </Stack>
      )}
    </Modal>
  );
}
