/**
 * The plan's settings: target date, reminder webhook and due-soon window, editable with `engagement.manage`
 * (read-only otherwise), and the button that sends the reminder now.
 */
import { Alert, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { MAX_DUE_SOON_DAYS, MAX_WEBHOOK_URL_LENGTH, MIN_DUE_SOON_DAYS, webhookUrlProblem } from '@assay/domain/remediation/plan.js';
import { refusalOf } from '../../api/problem.js';
import { useSendReminders, useUpdatePlan, type ReminderOutcome, type VersionedPlan } from '../../api/remediation.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { limitedText } from '../../components/text-limit.js';
import { DateField } from '../../components/DateField.js';

interface PlanValues {
  targetDate: string;
  webhookUrl: string;
  dueSoonDays: number | string;
}

const FIELDS = ['targetDate', 'webhookUrl', 'dueSoonDays'] as const;

function validate(values: PlanValues) {
  const url = values.webhookUrl.trim();
  const days = Number(values.dueSoonDays);
  return {
    webhookUrl: url === '' ? null : webhookUrlProblem(url),
    dueSoonDays:
      Number.isInteger(days) && days >= MIN_DUE_SOON_DAYS && days <= MAX_DUE_SOON_DAYS
        ? null
        : `A whole number of days from ${MIN_DUE_SOON_DAYS} to ${MAX_DUE_SOON_DAYS}`,
  };
}

/**
 * Why the reminders cannot be sent now, or null when they can: no webhook saved, a change of the plan not saved
 * yet (reminders go to the saved webhook), or nothing overdue or due soon to remind anyone of.
 */
export function reminderBlocker(plan: Pick<VersionedPlan, 'webhookUrl' | 'dueSoonDays'>, unsaved: boolean, due: number): string | null {
  if (plan.webhookUrl === null) return 'Reminders need a webhook: set one and save the plan.';
  if (unsaved) return 'Save the plan first: reminders go to the saved webhook.';
  if (due === 0) return `Nothing is overdue or due within ${plan.dueSoonDays} days: there is nothing to remind anyone of.`;
  return null;
}

/** What the reminder did, in a sentence (why a delivery failed is in the server's log, for its operator). */
export function describeOutcome(outcome: ReminderOutcome): string {
  switch (outcome.delivery) {
    case 'failed':
      return 'The reminder was not delivered. The instance operator can see why in the server log.';
    case 'nothing_to_send':
      return 'Nothing is overdue or due soon: no reminder was sent.';
    case 'delivered':
      return `Reminder delivered (${outcome.overdue} overdue, ${outcome.dueSoon} due soon).`;
  }
}

/** `due`: how many actions are overdue or due soon today. */
export function PlanForm({ plan, due, reload }: { plan: VersionedPlan; due: number; reload: () => void }) {
  const blockerId = useId();
  const editable = useCan('engagement.manage');
  const update = useUpdatePlan();
  const remind = useSendReminders();
  const [outcome, setOutcome] = useState<ReminderOutcome | null>(null);
  const form = useForm<PlanValues>({
    initialValues: { targetDate: plan.targetDate ?? '', webhookUrl: plan.webhookUrl ?? '', dueSoonDays: plan.dueSoonDays },
    validate: (values) => validate(values),
  });

  const submit = (values: PlanValues) => {
    const url = values.webhookUrl.trim();
    update.mutate(
      { version: plan.version, targetDate: values.targetDate || null, webhookUrl: url === '' ? null : url, dueSoonDays: Number(values.dueSoonDays) },
      {
        onSuccess: () => notifySaved('Corrective action plan saved.'),
        onError: (error) => {
          // The server's issues name a field by its JSON path ($.webhookUrl): shown beside that field.
          form.setErrors(refusalOf(error, FIELDS).errors);
          notifyError(error, reload);
        },
      },
    );
  };

  const sendNow = () =>
    remind.mutate(undefined, {
      onSuccess: setOutcome,
      onError: (error) => notifyError(error),
    });

  const blocker = reminderBlocker(plan, form.isDirty(), due);
  return (
    <form onSubmit={form.onSubmit(submit)} aria-label="Corrective action plan" noValidate>
      <Stack gap="sm">
        <DateField label="Target date" description="When every corrective action should be done; empty: the latest due date" readOnly={!editable} {...form.getInputProps('targetDate')} />
        <TextInput
          label="Reminder webhook"
          description="Reminders of overdue and due-soon actions are POSTed here as JSON (http or https)"
          placeholder="https://hooks.example.com/…"
          readOnly={!editable}
          {...limitedText(form, 'webhookUrl', MAX_WEBHOOK_URL_LENGTH)}
        />
        <NumberInput
          label="Due soon within (days)"
          min={MIN_DUE_SOON_DAYS}
          max={MAX_DUE_SOON_DAYS}
          allowDecimal={false}
          readOnly={!editable}
          {...form.getInputProps('dueSoonDays')}
        />
        {editable ? (
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save plan
            </Button>
            <Button variant="light" onClick={sendNow} loading={remind.isPending} disabled={blocker !== null} aria-describedby={blocker === null ? undefined : blockerId}>
              Send reminders now
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            An admin or the compliance lead sets the plan.
          </Text>
        )}
        {editable && blocker !== null && (
          <Text size="sm" c="dimmed" id={blockerId}>
            {blocker}
          </Text>
        )}
        {outcome && (
          <Alert color={outcome.delivery === 'failed' ? 'red' : 'teal'} role="status" title="Reminders">
            {describeOutcome(outcome)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
