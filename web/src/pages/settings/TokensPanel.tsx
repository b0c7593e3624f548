/**
 * API tokens for scripts and CI (admins only, `token.manage`): listed with their use, created with a secret
 * shown once, revoked for good.
 */
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { isoDate } from '@assay/domain/dates.js';
import { useScope } from '../../api/programme.js';
import { useCreateToken, useRevokeToken, useTokens, type ApiToken } from '../../api/settings.js';
import { useCan } from '../../components/useRole.js';
import { ConfirmDialog, useConfirmed } from '../../components/ConfirmDialog.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { formatInstant } from './format.js';
import { ROLE_LABELS } from '../../labels.js';

function statusOf(token: ApiToken, now: Date): { label: string; color: string } {
  if (token.revokedAt !== null) return { label: 'revoked', color: 'gray' };
  if (token.expiresAt !== null && new Date(token.expiresAt) <= now) return { label: 'expired', color: 'gray' };
  return { label: 'active', color: 'teal' };
}

export function TokensPanel({ clock = () => new Date() }: { clock?: () => Date }) {
  const { organizationId } = useScope();
  const manage = useCan('token.manage');
  const tokens = useTokens(organizationId, manage);
  const create = useCreateToken(organizationId);
  const revoke = useRevokeToken(organizationId);
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const revoking = useConfirmed<ApiToken>({
    run: (token, callbacks) => revoke.mutate(token.id, callbacks),
    done: (token) => `The token “${token.name}” is revoked.`,
    onFailure: setFailure,
  });

  if (!manage) {
    return (
      <Text size="sm" c="dimmed">
        API tokens let scripts and CI use the API with a role. An admin of the organisation creates and revokes them.
      </Text>
    );
  }
  if (tokens.isPending) return <Loader aria-label="Loading the API tokens" />;
  if (tokens.isError) {
    return (
      <Alert color="red" role="alert" title="The API tokens could not be loaded">
        {tokens.error.message}
      </Alert>
    );
  }

  const now = clock();
  const today = isoDate(now);
  // The secret is only in the creation's result; "Done" forgets it for good.
  const created = create.data ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Send a token as <code>Authorization: Bearer &lt;secret&gt;</code>. It acts with its role, never more than yours.
        </Text>
        <Button onClick={() => setCreating(true)}>Create token</Button>
      </Group>
      {failure && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setFailure(null)} title="Not revoked">
          {failure}
        </Alert>
      )}
      {tokens.data.length === 0 ? (
        <Text size="sm">No API tokens yet.</Text>
      ) : (
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
              {tokens.data.map((token) => {
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
                        <Button size="xs" variant="subtle" color="red" aria-label={`Revoke ${token.name}`} onClick={() => revoking.ask(token)}>
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
      )}

      <Modal opened={creating} onClose={() => setCreating(false)} title="Create an API token" centered>
        <CreateTokenForm
          today={today}
          loading={create.isPending}
          error={create.error ? create.error.message : null}
          onCancel={() => {
            setCreating(false);
            create.reset();
          }}
          onSubmit={(token) => create.mutate(token, { onSuccess: () => setCreating(false) })}
        />
      </Modal>

      <ShownOnce
        title="Copy the new token now"
        label={`Secret of “${created?.token.name ?? ''}”`}
        value={created?.secret ?? null}
        copyLabel="Copy secret"
        onDone={() => create.reset()}
      >
        Assay keeps only a hash of this secret: once you close this window it cannot be shown again. Store it where the script
        reads it (a CI secret, a vault). If it is lost, revoke the token and create another.
      </ShownOnce>

      <ConfirmDialog {...revoking.dialog} title="Revoke this token?" confirmLabel="Revoke token" loading={revoke.isPending}>
        Anything that uses “{revoking.item?.name}” is refused from now on. A revoked token cannot be restored.
      </ConfirmDialog>
    </Stack>
  );
}
