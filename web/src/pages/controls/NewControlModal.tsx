/** Adding a control (`control.manage`): the control form in a dialog; the new control's page opens once saved. */
import { Modal } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useCreateControl } from '../../api/controls.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { controlPage } from '../../paths.js';
import { ControlForm } from './ControlForm.js';
import { newControlValues, toControlInput } from './control-form.js';

export function NewControlModal(props: {
  opened: boolean;
  onClose: () => void;
  root: string;
  categories: readonly string[];
  /** The ids taken already. */
  controlIds: string[];
  reload: () => void;
}) {
  const create = useCreateControl();
  const navigate = useNavigate();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="New control" size="lg">
      <ControlForm
        initial={newControlValues()}
        categories={props.categories}
        controlIds={props.controlIds}
        submitLabel="Create the control"
        onCancel={props.onClose}
        onSubmit={async (values) => {
          const control = toControlInput(values);
          try {
            await create.mutateAsync({ controlId: control.id, control });
          } catch (error) {
            notifyError(error, props.reload);
            throw error;
          }
          notifySaved(`Control ${control.id} created`);
          props.onClose();
          void navigate(controlPage(props.root, control.id));
        }}
      />
    </Modal>
  );
}
