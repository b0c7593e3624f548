/** The organisation's API tokens, revoked ones included, with their use and a Revoke action for those that work. */
import { Badge, Button, Table, Text } from '@mantine/core';
import type { ApiToken } from '../../api/settings.js';
import { ROLE_LABELS } from '../../labels.js';
import { formatInstant } from './format.js';
import { statusOf } from './tokens.js';

export function TokensTable({ tokens, now, onRevoke }: { tokens: ApiToken[]; now: Date; onRevoke: (token: ApiToken) => void }) {
  if (tokens.length === 0) return <Text size="sm">No API tokens yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label="API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const status = statusOf(token, now);
            return (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{ROLE_LABELS[token.role]}</Table.Td>
                <Table.Td>{formatInstant(token.createdAt)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : 'never'}</Table.Td>
                <Table.Td>{token.expiresAt ? formatInstant(token.expiresAt) : 'never'}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={status.color}>
                    {status.label}
                  </Badge>
                  {token.revokedAt && (
                    <Text size="xs" c="dimmed">
                      {formatInstant(token.revokedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {token.revokedAt === null && (
                    <Button size="xs" variant="subtle" color="red" aria-label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
