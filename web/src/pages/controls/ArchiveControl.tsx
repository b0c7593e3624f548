/**
 * A control's end of life: archived by the programme's managers (out of the examination, its test and samples
 * kept read-only), restored by an admin. Nothing here deletes.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useArchiveControl, useRestoreControl, type Control } from '../../api/controls.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { formatDate } from '../../dates.js';

/** The archive button, or (archived) what that means with the restore button; nothing while the engagement is archived. */
export function ArchiveControl({ control, engagementArchived, reload }: { control: Control; engagementArchived: boolean; reload: () => void }) {
  const canArchive = useCan('control.manage');
  const canRestore = useCan('archive.restore');
  const archive = useArchiveControl();
  const restore = useRestoreControl();
  const [asking, { open, close }] = useDisclosure(false);
  const variables = { controlId: control.id, version: control.version };
  const onError = (error: unknown) => notifyError(error, reload);

  if (control.archivedAt !== null) {
    return (
      <Alert color="gray" title="Archived control">
        <Group justify="space-between">
          <Text size="sm">
            Archived on {formatDate(control.archivedAt)}: out of the examination, its test and samples kept,
            read-only.{!canRestore && ' An admin can restore it.'}
          </Text>
          {canRestore && !engagementArchived && (
            <Button
              variant="light"
              loading={restore.isPending}
              onClick={() => restore.mutate(variables, { onSuccess: () => notifySaved(`Control ${control.id} is restored`), onError })}
            >
              Restore
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  if (!canArchive || engagementArchived) return null;
  return (
    <>
      <Button color="red" variant="subtle" onClick={open}>
        Archive
      </Button>
      <ConfirmDialog
        opened={asking}
        title={`Archive control ${control.id}?`}
        confirmLabel="Archive"
        loading={archive.isPending}
        onConfirm={() =>
          archive.mutate(variables, {
            onSuccess: () => {
              close();
              notifySaved(`Control ${control.id} is archived`);
            },
            onError,
          })
        }
        onCancel={close}
      >
        {control.id} leaves the examination: the forecast is drawn without it, and it is listed under Archived. Its test and
        samples are kept, read-only, and nothing is deleted; an admin can restore it.
      </ConfirmDialog>
    </>
  );
}
