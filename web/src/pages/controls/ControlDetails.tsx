/**
 * What a control is: the criteria it addresses (links to the criteria page), its owner, frequency, nature, key
 * and design, and its compensating links in both directions; changed here by whoever has control.update.
 */
import { Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { findCriterion } from '@assay/domain/criteria/catalogue.js';
import { useUpdateControl, type Control, type ListedControl } from '../../api/controls.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ControlForm } from './ControlForm.js';
import { changesFrom, valuesOf } from './control-form.js';
import { Facts } from './Facts.js';
import { controlPage } from '../../paths.js';
import { criteriaHref } from '../criteria/filters.js';
import { frequencyLabel } from '../../labels.js';

/** Control ids as links to their pages, each with its conclusion. */
function ControlLinks({ ids, root, controls }: { ids: string[]; root: string; controls: readonly ListedControl[] }) {
  if (ids.length === 0) return <Text c="dimmed">none</Text>;
  return (
    <Stack gap={4}>
      {ids.map((id) => {
        const conclusion = controls.find((c) => c.id === id)?.conclusion;
        return (
          <Group key={id} gap="xs">
            <Anchor component={Link} to={controlPage(root, id)}>
              {id}
            </Anchor>
            {conclusion && <StatusBadge value={conclusion} size="sm" />}
          </Group>
        );
      })}
    </Stack>
  );
}

export function ControlDetails(props: {
  control: Control;
  root: string;
  /** The engagement's controls, for the links' conclusions and what compensates this one. */
  controls: readonly ListedControl[];
  categories: readonly string[];
  canUpdate: boolean;
  reload: () => void;
}) {
  const { control, root, controls } = props;
  const [editing, { open, close }] = useDisclosure(false);
  const update = useUpdateControl();
  const compensatedBy = controls.filter((c) => c.compensates.includes(control.id)).map((c) => c.id);

  return (
    <Card withBorder component="section" aria-labelledby="control-details">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="control-details">
          Control
        </Title>
        {props.canUpdate && (
          <Button size="xs" variant="light" onClick={open}>
            Edit control
          </Button>
        )}
      </Group>
      <Facts
        items={[
          [
            'Criteria',
            <Group gap="xs" component="span">
              {control.criteria.map((id) => (
                <Anchor key={id} component={Link} to={criteriaHref(root, { query: id })} title={findCriterion(id)?.title}>
                  {id}
                </Anchor>
              ))}
            </Group>,
          ],
          ['Owner', control.owner ?? 'none'],
          ['Frequency', frequencyLabel(control.frequency)],
          ['Nature', control.nature],
          ['Key control', control.key ? 'yes' : 'no'],
          ['Design', <StatusBadge value={control.design === 'effective' ? 'effective' : 'design_deficiency'} size="sm" />],
          ['Compensates', <ControlLinks ids={control.compensates} root={root} controls={controls} />],
          ['Compensated by', <ControlLinks ids={compensatedBy} root={root} controls={controls} />],
        ]}
      />
      <Modal opened={editing} onClose={close} title={`Edit control ${control.id}`} size="lg">
        <ControlForm
          initial={valuesOf(control)}
          editing={control.id}
          categories={props.categories}
          controlIds={controls.map((c) => c.id)}
          submitLabel="Save the control"
          onCancel={close}
          onSubmit={async (values) => {
            const changes = changesFrom(control, values);
            if (Object.keys(changes).length > 0) {
              try {
                await update.mutateAsync({ controlId: control.id, version: control.version, changes });
              } catch (error) {
                notifyError(error, props.reload);
                throw error;
              }
              notifySaved(`Control ${control.id} saved`);
            }
            close();
          }}
        />
      </Modal>
    </Card>
  );
}
