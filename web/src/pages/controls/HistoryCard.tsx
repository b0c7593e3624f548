/**
 * The control's history: its own changes and those of its test and samples, newest first, from the audit log.
 * Only the roles with `audit.read` see it; the others are told who does.
 */
import { Alert, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { can, ROLES } from '@assay/domain/access/permissions.js';
import { useControlHistory } from '../../api/controls.js';
import { actorLabel, describeChange, eventLabel } from './history.js';
import { formatDateTime } from '../../dates.js';

/** The roles that may read the audit log, from the one permission table. */
export const HISTORY_READERS = ROLES.filter((role) => can(role, 'audit.read'));

function readersInWords(): string {
  const names = [...HISTORY_READERS];
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function HistoryCard({ controlId, canRead }: { controlId: string; canRead: boolean }) {
  const history = useControlHistory(controlId, canRead);
  return (
    <Card withBorder component="section" aria-labelledby="control-history">
      <Stack gap="sm">
        <Title order={2} size="h4" id="control-history">
          History
        </Title>
        {!canRead ? (
          <Text c="dimmed" size="sm">
            The history of changes is visible to {readersInWords()}.
          </Text>
        ) : history.isPending ? (
          <Loader size="sm" aria-label="Loading the history" />
        ) : history.isError ? (
          <Alert color="red" title="The history could not be loaded">
            {history.error.message}
          </Alert>
        ) : history.data.items.length === 0 ? (
          <Text c="dimmed">No changes since the control was created or last imported.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={700}>
              <Table aria-label="History" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Change</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {history.data.items.map((event) => (
                    <Table.Tr key={event.seq}>
                      <Table.Td>
                        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                      </Table.Td>
                      <Table.Td>{actorLabel(event)}</Table.Td>
                      <Table.Td>{eventLabel(event.type)}</Table.Td>
                      <Table.Td>
                        {describeChange(event).map((line) => (
                          <Text key={line} size="sm">
                            {line}
                          </Text>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {history.data.total > history.data.items.length && (
              <Text size="sm" c="dimmed">
                The latest {history.data.items.length} of {history.data.total} changes.
              </Text>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
