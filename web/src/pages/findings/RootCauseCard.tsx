/**
 * The finding's root cause: a 5-whys chain from the symptom down to the cause, and a category. A root cause is
 * the engagement's, shared by every finding traced to it (findings that share one are one systemic issue): pick
 * an existing one, or write one under a new code.
 */
import { ActionIcon, Button, Group, List, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { ROOT_CAUSE_CATEGORIES, type RootCause, type RootCauseCategory } from '@assay/domain/findings/model.js';
import { useSetRootCause, type Finding } from '../../api/findings.js';
import type { RootCauseWithFindings } from '../../api/root-causes.js';
import { nextCode } from '@assay/domain/codes.js';
import { saving } from '../../components/saving.js';
import { keepOnRefusal } from '../../components/keep-on-refusal.js';
import { optionsOf, statusLabel } from '../../labels.js';
import { FormActions } from '../../components/FormActions.js';
import { SectionAction, SectionCard } from '../../components/SectionCard.js';
import { Labelled } from '../../components/Labelled.js';
import { counted } from '@assay/domain/words.js';
import { limitedText } from '../../components/text-limit.js';
import { MAX_CONTROL_ID_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

export interface RootCauseValues {
  mode: 'existing' | 'new';
  /** The code picked (existing) or written (new). */
  id: string;
  title: string;
  category: RootCauseCategory | '';
  whys: string[];
}

export function validateRootCause(values: RootCauseValues, causes: readonly RootCauseWithFindings[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.mode === 'existing') {
    if (!causes.some((c) => c.id === values.id)) errors.id = 'Pick one of the root causes';
    return errors;
  }
  if (values.id.trim() === '') errors.id = 'Give the root cause a code, e.g. RC-1';
  if (values.title.trim() === '') errors.title = 'Say in a line what the cause is';
  if (values.category === '') errors.category = 'Pick the category';
  values.whys.forEach((why, i) => {
    if (why.trim() === '') errors[`whys.${i}`] = 'Write this why, or remove it';
  });
  return errors;
}

/** The root cause to send: the one picked as it stands, or the one written. */
export function toRootCause(values: RootCauseValues, causes: readonly RootCauseWithFindings[]): RootCause {
  if (values.mode === 'existing') {
    const { id, title, category, whys } = causes.find((c) => c.id === values.id) as RootCauseWithFindings;
    return { id, title, category, whys };
  }
  return { id: values.id.trim(), title: values.title.trim(), category: values.category as RootCauseCategory, whys: values.whys.map((w) => w.trim()) };
}

/** The fields of a root cause written out: its code, category, title and the 5 whys (up to five). */
type RootCauseFormFields = Pick<ReturnType<typeof useForm<RootCauseValues>>, 'values' | 'getInputProps' | 'insertListItem' | 'removeListItem'>;

export function RootCauseFields({ form, codeDescription }: { form: RootCauseFormFields; codeDescription: string }) {
  const whys = form.values.whys;
  return (
    <>
      <Group grow align="flex-start">
        <TextInput label="Code" withAsterisk description={codeDescription} {...limitedText(form, 'id', MAX_CONTROL_ID_LENGTH)} />
        <Select label="Category" withAsterisk allowDeselect={false} data={optionsOf(ROOT_CAUSE_CATEGORIES)} {...form.getInputProps('category')} />
      </Group>
      <TextInput label="Title" withAsterisk {...limitedText(form, 'title', MAX_TEXT_LENGTH)} />
      <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" size="sm" fw={500}>
          The 5 whys, from the symptom down to the cause
        </Text>
        {whys.map((_, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={`Why ${i + 1}`}
              placeholder={i === 0 ? 'Why did it happen? e.g. the account was deactivated only when IT worked a ticket' : 'And why was that?'}
              {...limitedText(form, `whys.${i}`, MAX_TEXT_LENGTH)}
            />
            {whys.length > 1 && (
              <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove why ${i + 1}`} onClick={() => form.removeListItem('whys', i)}>
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {whys.length < 5 && (
          <Button variant="subtle" size="xs" w="fit-content" onClick={() => form.insertListItem('whys', '')}>
            Add a why
          </Button>
        )}
      </Stack>
    </>
  );
}

function RootCauseForm(props: {
  finding: Finding;
  causes: RootCauseWithFindings[];
  onSubmit: (rootCause: RootCause) => Promise<void>;
  onCancel: () => void;
}) {
  const current = props.causes.find((c) => c.id === props.finding.rootCause);
  const form = useForm<RootCauseValues>({
    mode: 'controlled',
    initialValues: current
      ? { mode: 'new', id: current.id, title: current.title, category: current.category, whys: [...current.whys] }
      : { mode: 'new', id: nextCode('RC', props.causes.map((c) => c.id)), title: '', category: '', whys: [''] },
    validate: (values) => validateRootCause(values, props.causes),
  });
  const others = current ? current.findings.filter((f) => f !== props.finding.code) : [];
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => keepOnRefusal(() => props.onSubmit(toRootCause(values, props.causes)), form))}
    >
      <Stack>
        {props.causes.length > 0 && (
          <SegmentedControl
            aria-label="Root cause"
            data={[
              { value: 'existing', label: 'Pick an existing one' },
              { value: 'new', label: current ? 'Edit or write one' : 'Write a new one' },
            ]}
            {...form.getInputProps('mode')}
          />
        )}
        {form.values.mode === 'existing' ? (
          <Select
            label="Root cause"
            withAsterisk
            searchable
            data={props.causes.map((c) => ({ value: c.id, label: `${c.id} · ${c.title} (${counted(c.findings.length, 'finding')})` }))}
            {...form.getInputProps('id')}
          />
        ) : (
          <RootCauseFields
            form={form}
            codeDescription={others.length > 0 ? `Shared with ${others.join(', ')}: a change shows there too` : 'Findings with the same code share the cause'}
          />
        )}
        <FormActions submitLabel="Save the root cause" loading={form.submitting} onCancel={props.onCancel} />
      </Stack>
    </form>
  );
}

export function RootCauseCard(props: { finding: Finding; causes: RootCauseWithFindings[]; canManage: boolean; reload: () => void }) {
  const { finding } = props;
  const [editing, editor] = useDisclosure(false);
  const setRootCause = useSetRootCause();
  const cause = props.causes.find((c) => c.id === finding.rootCause);
  const others = cause ? cause.findings.filter((f) => f !== finding.code) : [];

  return (
    <SectionCard
      title="Root cause"
      padding="md"
      aside={props.canManage && <SectionAction onClick={editor.open}>{finding.rootCause ? 'Change the root cause' : 'Write the root cause'}</SectionAction>}
    >
      {finding.rootCause === null ? (
        <Text c="dimmed">Not traced yet: remediating needs a root cause (fix the cause, not the symptom).</Text>
      ) : !cause ? (
        <Text>{finding.rootCause}</Text>
      ) : (
        <>
          <Text fw={500}>
            {cause.id} · {cause.title}
          </Text>
          <Labelled label="Category">
            {statusLabel(cause.category)}
          </Labelled>
          <List type="ordered" size="sm" spacing={4} aria-label="The 5 whys">
            {cause.whys.map((why, i) => (
              <List.Item key={i}>{why}</List.Item>
            ))}
          </List>
          {others.length > 0 && (
            <Text size="sm" c="orange">
              Shared with {others.join(', ')}: a systemic cause.
            </Text>
          )}
        </>
      )}
      <Modal opened={editing} onClose={editor.close} title={`Root cause of ${finding.code}`} size="lg">
        <RootCauseForm
          finding={finding}
          causes={props.causes}
          onCancel={editor.close}
          onSubmit={(rootCause) => {
            // The version of the cause under that code as this page read it, so a rewrite cannot undo someone else's.
            const rootCauseVersion = props.causes.find((c) => c.id === rootCause.id)?.version;
            const saved = setRootCause.mutateAsync({ findingCode: finding.code, version: finding.version, rootCause, ...(rootCauseVersion !== undefined && { rootCauseVersion }) });
            return saving(saved, `Root cause ${rootCause.id} recorded`, props.reload).then(editor.close);
          }}
        />
      </Modal>
    </SectionCard>
  );
}
