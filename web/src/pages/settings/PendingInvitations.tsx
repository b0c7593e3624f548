/** The organisation's pending invitations (admins only): who was invited, in which role, until when; revoke. */
import { Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useInvitations, useRevokeInvitation, type Invitation } from '../../api/invitations.js';
import { ConfirmDialog, useConfirmed } from '../../components/ConfirmDialog.js';
import { ListTable, RemoveButton } from '../../components/ListTable.js';
import { FailureAlert, queryFallback } from '../../components/QueryFallback.js';
import { formatInstant } from './format.js';
import { ROLE_LABELS } from '../../labels.js';

export function PendingInvitations({ organizationId }: { organizationId: string }) {
  const invitations = useInvitations(organizationId, true);
  const revoke = useRevokeInvitation(organizationId);
  const [failure, setFailure] = useState<string | null>(null);
  const revoking = useConfirmed<Invitation>({
    run: (invitation, callbacks) => revoke.mutate(invitation.id, callbacks),
    done: (invitation) => `The invitation of ${invitation.email} is revoked.`,
    onFailure: setFailure,
  });

  if (!invitations.isSuccess) return queryFallback(invitations, { loading: 'Loading the invitations', failed: 'The invitations could not be loaded' });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Pending invitations
      </Title>
      <FailureAlert title="Not revoked" failure={failure} onClose={() => setFailure(null)} />
      {invitations.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No pending invitations.
        </Text>
      ) : (
        <ListTable label="Pending invitations" minWidth={640} columns={['Email', 'Role', 'Invited by', 'Expires', 'Actions']} highlight={false}>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{ROLE_LABELS[invitation.role]}</Table.Td>
                  <Table.Td>{invitation.invitedBy.replace(/^user:/, '')}</Table.Td>
                  <Table.Td>{formatInstant(invitation.expiresAt)}</Table.Td>
                  <Table.Td>
                    <RemoveButton label={`Revoke the invitation of ${invitation.email}`} onClick={() => revoking.ask(invitation)}>
                      Revoke
                    </RemoveButton>
                  </Table.Td>
                </Table.Tr>
              ))}
        </ListTable>
      )}
      <ConfirmDialog {...revoking.dialog} title="Revoke this invitation?" confirmLabel="Revoke invitation" loading={revoke.isPending}>
        The link sent to {revoking.item?.email} stops working. You can invite them again later.
      </ConfirmDialog>
    </Stack>
  );
}
