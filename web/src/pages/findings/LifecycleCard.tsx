/**
 * Where the finding is in its lifecycle and where it can go: one button per step the domain's table allows from
 * its status (lifecycle.ts TRANSITIONS), so the page never offers a step the server has no rule for. A step the
 * finding does not yet hold what it needs for (e.g. closing without a passing retest) is refused by the server
 * with the domain's reasons, shown here as they came. Accepting a risk needs its approver, reason and expiry; a
 * false positive its reason. The step forward (lifecycle.ts forwardStep) is the primary button. Every step taken
 * is in the history, with who took it.
 */
import { Alert, Button, Group, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { TRANSITIONS, forwardStep } from '@assay/domain/findings/lifecycle.js';
import type { FindingStatus } from '@assay/domain/findings/model.js';
import { useFindingSteps, useTransition, type Finding, type FindingStep, type TransitionInput } from '../../api/findings.js';
import { actorLabel } from '../controls/history.js';
import { notifySaved } from '../../components/notify.js';
import { FindingStatusBadge } from './FindingStatusBadge.js';
import { STEP_LABELS, statusLabel } from '../../labels.js';
import { SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { formatDate } from '../../dates.js';
import { DateField } from '../../components/DateField.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

interface StepValues {
  reason: string;
  approver: string;
  acceptanceReason: string;
  expires: string;
  falsePositiveReason: string;
}

/** The step as sent: the details the target status needs, and the optional reason for any other. */
export function toStep(to: FindingStatus, values: StepValues): TransitionInput {
  const reason = values.reason.trim();
  if (to === 'risk_accepted') {
    return { to, riskAcceptance: { approver: values.approver.trim(), reason: values.acceptanceReason.trim(), expires: values.expires } };
  }
  if (to === 'false_positive') return { to, falsePositiveReason: values.falsePositiveReason.trim() };
  return { to, ...(reason !== '' && { reason }) };
}

export function validateStep(to: FindingStatus, values: StepValues): Partial<Record<keyof StepValues, string>> {
  const errors: Partial<Record<keyof StepValues, string>> = {};
  if (to === 'risk_accepted') {
    if (values.approver.trim() === '') errors.approver = 'Name who approves the risk';
    if (values.acceptanceReason.trim() === '') errors.acceptanceReason = 'Say why the risk is accepted';
    if (values.expires === '') errors.expires = 'Give the date the acceptance expires';
  }
  if (to === 'false_positive' && values.falsePositiveReason.trim() === '') errors.falsePositiveReason = 'Say why it is not a finding';
  return errors;
}

/** Who took a step, in words; a step the log does not record (imported, or a lapsed acceptance) says so. */
function whoTook(by: FindingStep['by']): string {
  return by === null ? 'not recorded' : actorLabel({ actor: '', by });
}

/** The steps that need a form of their own before they are taken. */
const NEEDS_DETAILS = new Set<FindingStatus>(['risk_accepted', 'false_positive']);

/** The details a step needs, asked for beside the buttons, with the button that takes the step. */
function StepDetails(props: { label: string; record: string; onRecord: () => void; onCancel: () => void; children: ReactNode }) {
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }} aria-label={props.label}>
      {props.children}
      <Group gap="xs">
        <Button size="xs" onClick={props.onRecord}>
          {props.record}
        </Button>
        <Button size="xs" variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

export function LifecycleCard(props: { finding: Finding; canManage: boolean; reload: () => void }) {
  const { finding } = props;
  const step = useTransition();
  const steps = useFindingSteps(finding.code);
  // Who took each step, from the audit log; a history newer than the steps read waits for them.
  const takers = steps.data?.length === finding.history.length ? steps.data.map((s) => s.by) : null;
  /** A step that needs details, its form open. */
  const [pending, setPending] = useState<FindingStatus | null>(null);
  const [refusal, setRefusal] = useState<{ to: FindingStatus; message: string } | null>(null);
  const form = useForm<StepValues>({
    mode: 'controlled',
    initialValues: { reason: '', approver: '', acceptanceReason: '', expires: '', falsePositiveReason: '' },
  });

  const take = async (to: FindingStatus) => {
    const errors = validateStep(to, form.values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setRefusal(null);
    try {
      await step.mutateAsync({ findingCode: finding.code, version: finding.version, step: toStep(to, form.values) });
      notifySaved(`${finding.code} is ${statusLabel(to)}`);
      form.reset();
      setPending(null);
    } catch (error) {
      // A refusal is the domain's reasons (or a stale version): said beside the buttons, not in a passing toast.
      setRefusal({ to, message: error instanceof Error ? error.message : String(error) });
    }
  };

  // Accepting a risk is management's decision: not offered to the auditor (the server refuses it too).
  const mayAcceptRisk = useCan('risk.accept');
  const next = TRANSITIONS[finding.status].filter((to) => to !== 'risk_accepted' || mayAcceptRisk);
  // The step forward is the primary button; steps back and the ways out are secondary.
  const forward = forwardStep(finding.status);
  return (
    <SectionCard title="Lifecycle" padding="md" aside={<FindingStatusBadge status={finding.status} />}>
      {finding.riskAcceptance && (
        <Text size="sm">
          Risk accepted by {finding.riskAcceptance.approver} until {formatDate(finding.riskAcceptance.expires)}: {finding.riskAcceptance.reason}
        </Text>
      )}
      {finding.falsePositiveReason && <Text size="sm">Not a finding: {finding.falsePositiveReason}</Text>}
      {props.canManage && (
        <>
          <TextInput label="Reason for the step" placeholder="Optional, kept in the history" {...limitedText(form, 'reason', MAX_TEXT_LENGTH)} />
          <Group gap="xs">
            {next.map((to) => (
              <Button
                key={to}
                size="xs"
                variant={to === forward ? 'filled' : 'default'}
                color={to === 'closed' ? 'teal' : undefined}
                loading={step.isPending && step.variables.step.to === to}
                onClick={() => (NEEDS_DETAILS.has(to) ? setPending(to) : void take(to))}
              >
                {STEP_LABELS[to]}
              </Button>
            ))}
          </Group>
          {pending === 'risk_accepted' && (
            <StepDetails label="Risk acceptance" record="Record the acceptance" onRecord={() => void take('risk_accepted')} onCancel={() => setPending(null)}>
              <TextInput label="Approver" withAsterisk {...limitedText(form, 'approver', MAX_OWNER_LENGTH)} />
              <Textarea label="Why the risk is accepted" withAsterisk rows={2} {...limitedText(form, 'acceptanceReason', MAX_TEXT_LENGTH)} />
              <DateField label="Expires" withAsterisk description="The finding is open again the day after" {...form.getInputProps('expires')} />
            </StepDetails>
          )}
          {pending === 'false_positive' && (
            <StepDetails label="False positive" record="Record the false positive" onRecord={() => void take('false_positive')} onCancel={() => setPending(null)}>
              <Textarea label="Why it is not a finding" withAsterisk rows={2} {...limitedText(form, 'falsePositiveReason', MAX_TEXT_LENGTH)} />
            </StepDetails>
          )}
        </>
      )}
      {refusal && (
        <Alert color="red" title={`Not ${statusLabel(refusal.to)}`} withCloseButton onClose={() => setRefusal(null)}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{refusal.message}</Text>
            <Button size="xs" variant="default" onClick={props.reload}>
              Reload the finding
            </Button>
          </Stack>
        </Alert>
      )}
      <Text size="sm" fw={500}>
        History
      </Text>
      {finding.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          No step taken yet.
        </Text>
      ) : (
        <Table aria-label="History">
          <Table.Tbody>
            {finding.history.map((change, i) => (
              <Table.Tr key={i}>
                <Table.Td w={110}>{formatDate(change.on)}</Table.Td>
                <Table.Td>{stepWords(change.from, change.to)}</Table.Td>
                <Table.Td>{change.reason ?? ''}</Table.Td>
                <Table.Td>{takers === null ? '' : whoTook(takers[i] ?? null)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}

/** A step of the lifecycle in words: "Opened", "From open to analysing". */
function stepWords(from: FindingStatus | null, to: FindingStatus): string {
  return from === null ? `Opened as ${statusLabel(to)}` : `From ${statusLabel(from)} to ${statusLabel(to)}`;
}
