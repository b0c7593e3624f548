/** The organisation's API tokens, revoked ones included, with their use and a Revoke action for those that work. */
import { Badge, Table, Text } from '@mantine/core';
import type { ApiToken } from '../../api/settings.js';
import { ListTable, RemoveButton } from '../../components/ListTable.js';
import { ROLE_LABELS } from '../../labels.js';
import { formatInstant } from './format.js';
import { statusOf } from './tokens.js';

export function TokensTable({ tokens, now, onRevoke }: { tokens: ApiToken[]; now: Date; onRevoke: (token: ApiToken) => void }) {
  if (tokens.length === 0) return <Text size="sm">No API tokens yet.</Text>;
  return (
    <ListTable label="API tokens" minWidth={760} columns={['Name', 'Role', 'Created', 'Last used', 'Expires', 'Status', 'Actions']}>
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
                    <RemoveButton label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                      Revoke
                    </RemoveButton>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
    </ListTable>
  );
}
