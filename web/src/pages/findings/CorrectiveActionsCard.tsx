/**
 * The corrective-action plan of the finding: each action with its owner, due date, status, completion date and
 * evidence, and the step that verifies the fix worked. The whole list is saved at once (PUT), at the finding's
 * version. The programme's managers plan every finding; a control's owner those on its controls.
 */
import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useSaveCorrectiveActions, type CorrectiveAction, type Finding } from '../../api/findings.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ACTION_STATUSES, actionValues, toAction, validateAction, type ActionValues } from './action-form.js';
import { nextCode } from '@assay/domain/codes.js';
import { NO_WRAP } from './format.js';
import { saving } from '../../components/saving.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { optionsOf } from '../../labels.js';
import { FormActions } from '../../components/FormActions.js';
import { SectionAction, SectionCard } from '../../components/SectionCard.js';
import { ListTable } from '../../components/ListTable.js';
import { formatDate } from '../../dates.js';


function ActionForm(props: { action: CorrectiveAction | null; onSubmit: (values: ActionValues) => Promise<void>; onCancel: () => void }) {
  const form = useForm<ActionValues>({ mode: 'controlled', initialValues: actionValues(props.action), validate: validateAction });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(values)))}
    >
      <Stack>
        <TextInput label="Title" withAsterisk data-autofocus {...form.getInputProps('title')} />
        <Group grow align="flex-start">
          <TextInput label="Owner" withAsterisk placeholder="e.g. it-ops@acme.example" {...form.getInputProps('owner')} />
          <TextInput type="date" label="Due" withAsterisk {...form.getInputProps('due')} />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Status"
            allowDeselect={false}
            data={optionsOf(ACTION_STATUSES)}
            {...form.getInputProps('status')}
          />
          <TextInput type="date" label="Completed on" disabled={form.values.status !== 'done'} {...form.getInputProps('completedOn')} />
        </Group>
        <TextInput label="Evidence of completion" description="Tickets, changes or documents, separated by commas" {...form.getInputProps('evidence')} />
        <TextInput
          label="Verification step"
          description="How the fix will be checked to have worked, e.g. reconcile a month of terminations with the IdP"
          {...form.getInputProps('verificationStep')}
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
  const before = actions.find((a) => a.id === editing) ?? null;

  const submit = async (values: ActionValues) => {
    const id = before?.id ?? nextCode('CA', actions.map((a) => a.id));
    const action = toAction(id, values, before);
    const list = before ? actions.map((a) => (a.id === id ? action : a)) : [...actions, action];
    await saving(save.mutateAsync({ findingCode: finding.code, version: finding.version, actions: list }), `Corrective action ${id} saved`, props.reload);
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
        {editing !== null && <ActionForm key={editing} action={before} onSubmit={submit} onCancel={() => setEditing(null)} />}
      </Modal>
    </SectionCard>
  );
}
