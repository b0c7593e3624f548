/**
 * The corrective-action plan of the finding: each action with its owner, due date, status, completion date and
 * evidence, and the step that verifies the fix worked. The whole list is saved at once (PUT), at the finding's
 * version; the form checks what the server checks (owners who are members, no completion in the future, evidence
 * for done, a reason for a due date before the finding). The programme's managers plan every finding; a control's owner those on its controls.
 */
import { Autocomplete, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useSaveCorrectiveActions, type Finding } from '../../api/findings.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ACTION_STATUSES, actionFieldAliases, actionValues, asksDueReason, toAction, validateAction, type ActionSetting, type ActionValues } from './action-form.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { isoDate } from '@assay/domain/dates.js';
import { useScope } from '../../api/programme.js';
import { useMembers } from '../../api/settings.js';
import { nextCode } from '@assay/domain/codes.js';
import { NO_WRAP } from './format.js';
import { saving } from '../../components/saving.js';
import { optionsOf } from '../../labels.js';
import { FormActions } from '../../components/FormActions.js';
import { SectionAction, SectionCard } from '../../components/SectionCard.js';
import { ListTable } from '../../components/ListTable.js';
import { formatDate } from '../../dates.js';
import { DateField } from '../../components/DateField.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';


/**
 * One action's form. The owner is picked from the organisation's members; a due date before the finding was
 * identified asks why; the server's refusal is shown on the field it names.
 */
function ActionForm(props: { setting: ActionSetting; index: number; onSubmit: (values: ActionValues) => Promise<void>; onCancel: () => void }) {
  const { setting } = props;
  const form = useForm<ActionValues>({ mode: 'controlled', initialValues: actionValues(setting.before), validate: (values) => validateAction(values, setting) });
  const submit = form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(values), form, actionFieldAliases(props.index)));
  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <TextInput label="Title" withAsterisk data-autofocus {...limitedText(form, 'title', MAX_TEXT_LENGTH)} />
        <Group grow align="flex-start">
          <Autocomplete
            label="Owner"
            description="A member of the organisation"
            withAsterisk
            data={[...(setting.members ?? [])]}
            placeholder="e.g. it-ops@acme.example"
            {...limitedText(form, 'owner', MAX_OWNER_LENGTH)}
          />
          <DateField label="Due" withAsterisk {...form.getInputProps('due')} />
        </Group>
        {asksDueReason(form.values, setting) && (
          <TextInput
            label="Why it is due before the finding was identified"
            description={`The finding was identified on ${formatDate(setting.identifiedOn)}; say why the earlier date is right, e.g. the fix was already under way`}
            withAsterisk
            {...limitedText(form, 'dueReason', MAX_TEXT_LENGTH)}
          />
        )}
        <Group grow align="flex-start">
          <Select
            label="Status"
            allowDeselect={false}
            data={optionsOf(ACTION_STATUSES)}
            {...form.getInputProps('status')}
          />
          <DateField label="Completed on" disabled={form.values.status !== 'done'} {...form.getInputProps('completedOn')} />
        </Group>
        <TextInput
          label="Evidence of completion"
          description="Tickets, changes or documents, separated by commas; needed once the action is done"
          {...form.getInputProps('evidence')}
        />
        <TextInput
          label="Verification step"
          description="How the fix will be checked to have worked, e.g. reconcile a month of terminations with the IdP"
          {...limitedText(form, 'verificationStep', MAX_TEXT_LENGTH)}
        />
        <Select
          label="Verification result"
          allowDeselect={false}
          data={[
            { value: '', label: 'Not verified yet' },
            { value: 'effective', label: 'effective' },
            { value: 'ineffective', label: 'ineffective' },
          ]}
          {...form.getInputProps('verificationResult')}
        />
        <FormActions submitLabel="Save the action" loading={form.submitting} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}

export function CorrectiveActionsCard(props: { finding: Finding; canPlan: boolean; reload: () => void }) {
  const { finding } = props;
  const actions = finding.correctiveActions;
  /** The action being edited: its id, or 'new'; null while the form is closed. */
  const [editing, setEditing] = useState<string | null>(null);
  const save = useSaveCorrectiveActions();
  const { organizationId } = useScope();
  const members = useMembers(organizationId);
  const before = actions.find((a) => a.id === editing) ?? null;
  const index = before ? actions.indexOf(before) : actions.length;
  const setting: ActionSetting = {
    before,
    today: isoDate(new Date()),
    identifiedOn: finding.identifiedOn,
    members: members.data ? new Set(members.data.map((m) => m.email)) : null,
  };

  const submit = async (values: ActionValues) => {
    const id = before?.id ?? nextCode('CA', actions.map((a) => a.id));
    const action = toAction(id, values, before);
    const list = before ? actions.map((a) => (a.id === id ? action : a)) : [...actions, action];
    const reason = asksDueReason(values, setting) ? values.dueReason.trim() : '';
    await saving(
      save.mutateAsync({ findingCode: finding.code, version: finding.version, actions: list, ...(reason !== '' && { dueBeforeIdentifiedReason: reason }) }),
      `Corrective action ${id} saved`,
      props.reload,
    );
    setEditing(null);
  };

  return (
    <SectionCard
      title="Corrective actions"
      padding="md"
      aside={props.canPlan && <SectionAction onClick={() => setEditing('new')}>Add an action</SectionAction>}
    >
      {actions.length === 0 ? (
        <Text c="dimmed">No action planned yet.</Text>
      ) : (
        <ListTable label="Corrective actions" minWidth={800} columns={['Action', 'Owner', 'Due', 'Status', 'Completed on', 'Evidence', 'Verification', '']} striped={false} highlight={false}>
          {actions.map((action) => (
            <Table.Tr key={action.id}>
              <Table.Th scope="row" fw={500}>
                {action.id} · {action.title}
              </Table.Th>
              <Table.Td>{action.owner ?? <Text c="dimmed">none</Text>}</Table.Td>
              <Table.Td style={NO_WRAP}>{action.due ? formatDate(action.due) : <Text c="dimmed">undated</Text>}</Table.Td>
              <Table.Td>
                <StatusBadge value={action.status} miw="max-content" />
              </Table.Td>
              <Table.Td style={NO_WRAP}>{action.completedOn ? formatDate(action.completedOn) : <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>{action.evidence.length > 0 ? action.evidence.join(', ') : <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                {action.verification ? (
                  <>
                    {action.verification.step}
                    {action.verification.result && (
                      <>
                        {' '}
                        <StatusBadge value={action.verification.result} />
                      </>
                    )}
                  </>
                ) : (
                  <Text c="dimmed">—</Text>
                )}
              </Table.Td>
              <Table.Td>
                {props.canPlan && (
                  <Button variant="subtle" size="xs" aria-label={`Edit ${action.id}`} onClick={() => setEditing(action.id)}>
                    Edit
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={before ? `Edit ${before.id}` : 'Add a corrective action'} size="lg">
        {editing !== null && <ActionForm key={editing} setting={setting} index={index} onSubmit={submit} onCancel={() => setEditing(null)} />}
      </Modal>
    </SectionCard>
  );
}
