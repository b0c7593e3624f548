/**
 * The engagement's end of life: archived by those who manage it (kept, read-only, out of the engagement list),
 * restored by an admin. Nothing here deletes: purging is an admin's separate act through the API or `assay`.
 */
import { Alert, Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Engagement } from '../../api/programme.js';
import { useArchiving } from '../../api/settings.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { formatInstant } from './format.js';

export function ArchiveEngagement({ engagement, reload }: { engagement: Engagement; reload: () => void }) {
  const canArchive = useCan('engagement.manage');
  const canRestore = useCan('archive.restore');
  const archiving = useArchiving(engagement.organizationId);
  const [asking, { open, close }] = useDisclosure(false);
  const change = (archive: boolean) =>
    archiving.mutate(
      { engagementId: engagement.id, version: engagement.version, archive },
      {
        onSuccess: () => {
          close();
          notifySaved(archive ? `"${engagement.name}" is archived: read-only, its work kept` : `"${engagement.name}" is restored`);
        },
        onError: (error) => notifyError(error, reload),
      },
    );

  if (engagement.archivedAt !== null) {
    return (
      <Alert color="gray" title="Archived">
        <Stack gap="xs">
          <Text size="sm">
            Archived on {formatInstant(engagement.archivedAt)}. Its settings, controls, tests, findings and management responses are
            kept, read-only, and it can still be read and exported; it is left out of the engagement list.
          </Text>
          {canRestore ? (
            <Group>
              <Button variant="light" loading={archiving.isPending} onClick={() => change(false)}>
                Restore the engagement
              </Button>
            </Group>
          ) : (
            <Text size="sm">An admin can restore it.</Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (!canArchive) return null;
  return (
    <Fieldset legend="Archive" maw={760}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          An engagement is archived, never deleted: the auditor&apos;s work in it is evidence.
        </Text>
        <Button color="red" variant="light" onClick={open}>
          Archive this engagement
        </Button>
      </Stack>
      <ConfirmDialog
        opened={asking}
        title={`Archive "${engagement.name}"?`}
        confirmLabel="Archive"
        loading={archiving.isPending}
        onConfirm={() => change(true)}
        onCancel={close}
      >
        It becomes read-only: no one can change its settings, controls, tests, samples, findings, management responses or
        corrective action plan. Nothing is deleted: it can still be read and exported. It leaves the engagement list; an admin can
        restore it from Settings › Archived.
      </ConfirmDialog>
    </Fieldset>
  );
}
