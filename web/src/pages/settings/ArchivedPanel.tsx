/** The organisation's archived engagements: each one to open (read-only) and, for an admin, to restore. */
import { Alert, Anchor, Button, Loader, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useEngagements, useScope } from '../../api/programme.js';
import { useArchiving } from '../../api/settings.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { formatInstant } from './format.js';
import { engagementRoot } from '../../paths.js';
import { formatDate } from '../../dates.js';

export function ArchivedPanel() {
  const { organizationId } = useScope();
  const archived = useEngagements(organizationId, true);
  const canRestore = useCan('archive.restore');
  const archiving = useArchiving(organizationId);

  if (archived.isPending) return <Loader aria-label="Loading the archived engagements" />;
  if (archived.isError) {
    return (
      <Alert color="red" role="alert" title="The archived engagements could not be loaded">
        {archived.error.message}
      </Alert>
    );
  }
  if (archived.data.length === 0) return <Text size="sm">No engagement of this organisation is archived.</Text>;
  return (
    <Table aria-label="Archived engagements" maw={900}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Engagement</Table.Th>
          <Table.Th>Period end</Table.Th>
          <Table.Th>Archived</Table.Th>
          {canRestore && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {archived.data.map((engagement) => (
          <Table.Tr key={engagement.id}>
            <Table.Td>
              <Anchor component={Link} to={engagementRoot(organizationId, engagement.id)}>
                {engagement.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(engagement.periodEnd)}</Table.Td>
            <Table.Td>{formatInstant(engagement.archivedAt)}</Table.Td>
            {canRestore && (
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Restore ${engagement.name}`}
                  loading={archiving.isPending && archiving.variables.engagementId === engagement.id}
                  onClick={() =>
                    archiving.mutate(
                      { engagementId: engagement.id, version: engagement.version, archive: false },
                      { onSuccess: () => notifySaved(`"${engagement.name}" is restored`), onError: (error) => notifyError(error, () => void archived.refetch()) },
                    )
                  }
                >
                  Restore
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
