/**
 * A finding's management response: the text the report's "other information" section gives for the exception
 * (what happened, root cause, corrective action, date remediated). Drafted from the finding, edited by the
 * organisation, approved by a second person: the one who last edited it cannot approve it (four eyes). The
 * auditor reads it but never writes it (independence).
 */
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { isRealDate } from '@assay/domain/dates.js';
import { MAX_RESPONSE_TEXT_LENGTH, isLastEditor } from '@assay/domain/findings/management-response.js';
import {
  useApproveManagementResponse,
  useDraftManagementResponse,
  useEditManagementResponse,
  useManagementResponse,
  type ManagementResponse,
  type ResponseText,
} from '../../api/management-responses.js';
import { useMe } from '../../api/session.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { FormActions } from '../../components/FormActions.js';
import { statusLabel } from '../../labels.js';
import { formatDate, notARealDate } from '../../dates.js';
import { DateField } from '../../components/DateField.js';
import { limitedText } from '../../components/text-limit.js';

const FIELDS = [
  { name: 'whatHappened', label: 'What happened' },
  { name: 'rootCause', label: 'Root cause' },
  { name: 'correctiveAction', label: 'Corrective action' },
] as const;

type FormValues = Omit<ResponseText, 'remediatedOn'> & { remediatedOn: string };

function validate(values: FormValues): Partial<Record<keyof FormValues, string>> {
  const errors: Partial<Record<keyof FormValues, string>> = {};
  for (const { name } of FIELDS) {
    if (values[name].trim() === '') errors[name] = 'Write it, or draft it again from the finding';
    else if (values[name].length > MAX_RESPONSE_TEXT_LENGTH) errors[name] = `At most ${MAX_RESPONSE_TEXT_LENGTH} characters`;
  }
  const date = values.remediatedOn.trim();
  if (date !== '' && !isRealDate(date)) errors.remediatedOn = `${notARealDate()}, or leave it empty while not remediated`;
  return errors;
}

function ResponseForm({ response, onSave, onCancel }: { response: ManagementResponse; onSave: (text: ResponseText) => Promise<void>; onCancel: () => void }) {
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: { ...response, remediatedOn: response.remediatedOn ?? '' },
    validate,
  });
  return (
    <form
      noValidate
      aria-label="Edit the management response"
      onSubmit={form.onSubmit(async (values) => {
        try {
          await onSave({
            whatHappened: values.whatHappened.trim(),
            rootCause: values.rootCause.trim(),
            correctiveAction: values.correctiveAction.trim(),
            remediatedOn: values.remediatedOn.trim() === '' ? null : values.remediatedOn.trim(),
          });
        } catch {
          // The person has been told; the form keeps what they wrote.
        }
      })}
    >
      <Stack>
        {FIELDS.map(({ name, label }) => (
          <Textarea key={name} label={label} autosize minRows={2} {...limitedText(form, name, MAX_RESPONSE_TEXT_LENGTH)} />
        ))}
        <DateField label="Date remediated" description="Empty while it is not remediated" {...form.getInputProps('remediatedOn')} />
        <FormActions submitLabel="Save response" onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** `owns`: the finding is on a control the signed-in person owns (an owner writes the responses of its own). */
export function ManagementResponseCard({ finding, owns = false }: { finding: string; owns?: boolean }) {
  const headingId = useId();
  const query = useManagementResponse(finding);
  const me = useMe();
  const canWrite = useCan('response.write', owns);
  const canApprove = useCan('response.approve');
  const draft = useDraftManagementResponse(finding);
  const edit = useEditManagementResponse(finding);
  const approve = useApproveManagementResponse(finding);
  const [editing, setEditing] = useState(false);
  const [confirmingRedraft, setConfirmingRedraft] = useState(false);
  const response = query.data ?? null;
  const reload = () => void query.refetch();

  const redraft = () =>
    draft.mutate(response ? { version: response.version } : {}, {
      onSuccess: () => notifySaved(response ? 'Drafted again from the finding' : 'Response drafted from the finding'),
      onError: (error) => notifyError(error, reload),
      onSettled: () => setConfirmingRedraft(false),
    });
  const save = async (text: ResponseText) => {
    if (!response) return;
    try {
      await edit.mutateAsync({ version: response.version, ...text });
      setEditing(false);
      notifySaved('Response saved');
    } catch (error) {
      notifyError(error, reload);
      throw error;
    }
  };
  const approveIt = () =>
    response &&
    approve.mutate(
      { version: response.version },
      { onSuccess: () => notifySaved('Response approved'), onError: (error) => notifyError(error, reload) },
    );

  const lastEditor = Boolean(response && isLastEditor(response, me.data?.user?.email));

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={headingId}>
            Management response
          </Title>
          {response && (
            <Badge variant="light" color={response.status === 'approved' ? 'teal' : 'yellow'} aria-label={`Status: ${statusLabel(response.status)}`}>
              {statusLabel(response.status)}
            </Badge>
          )}
        </Group>
        {query.isPending ? (
          <Loader size="sm" aria-label="Loading the management response" />
        ) : query.isError ? (
          <Alert color="red" title="The response could not be loaded">
            {query.error.message}
          </Alert>
        ) : !response ? (
          <Text size="sm" c="dimmed">
            No management response yet. It is the organisation&apos;s explanation of the exception for the report&apos;s other information section.
          </Text>
        ) : editing ? (
          <ResponseForm response={response} onSave={save} onCancel={() => setEditing(false)} />
        ) : (
          <Stack gap="xs">
            {FIELDS.map(({ name, label }) => (
              <div key={name}>
                <Text size="sm" fw={600}>
                  {label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {response[name]}
                </Text>
              </div>
            ))}
            <div>
              <Text size="sm" fw={600}>
                Date remediated
              </Text>
              <Text size="sm">{response.remediatedOn ?? 'Not remediated yet'}</Text>
            </div>
            <Text size="xs" c="dimmed">
              Last edited by {response.editedBy ?? 'unknown'} on {formatDate(response.editedOn)}
              {response.approvedBy && ` · approved by ${response.approvedBy} on ${formatDate(response.approvedOn)}`}
            </Text>
          </Stack>
        )}
        {!query.isPending && !editing && (
          <Group gap="sm">
            {canWrite && (
              <Button variant={response ? 'default' : 'filled'} onClick={response ? () => setConfirmingRedraft(true) : redraft} loading={draft.isPending}>
                {response ? 'Draft again from the finding' : 'Draft from the finding'}
              </Button>
            )}
            {canWrite && response && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit response
              </Button>
            )}
            {canApprove && response?.status === 'draft' && !lastEditor && (
              <Button color="teal" onClick={approveIt} loading={approve.isPending}>
                Approve
              </Button>
            )}
          </Group>
        )}
        <ConfirmDialog
          opened={confirmingRedraft}
          title="Draft the response again?"
          confirmLabel="Draft again"
          loading={draft.isPending}
          onConfirm={redraft}
          onCancel={() => setConfirmingRedraft(false)}
        >
          The four parts are written again from the finding as it stands now: what people wrote here is replaced
          {response?.status === 'approved' ? ', and the approved response becomes a draft again' : ''}.
        </ConfirmDialog>
        {canApprove && response?.status === 'draft' && lastEditor && !editing && (
          <Text size="sm" c="dimmed">
            You last edited this response: someone else approves it (four eyes).
          </Text>
        )}
      </Stack>
    </Card>
  );
}
