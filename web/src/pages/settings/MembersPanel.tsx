/**
 * The organisation's members and their roles; admins (`member.manage`) invite people (the link is shown once),
 * see and revoke pending invitations, change roles and remove members.
 */
import { Alert, Badge, Button, Group, Loader, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useInvite } from '../../api/invitations.js';
import { useScope } from '../../api/programme.js';
import { useMe } from '../../api/session.js';
import { useChangeRole, useMembers, useRemoveMember, type Member } from '../../api/settings.js';
import { notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { InviteMemberForm } from './InviteMemberForm.js';
import { PendingInvitations } from './PendingInvitations.js';
import { ConfirmDialog, useConfirmed } from '../../components/ConfirmDialog.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { formatInstant } from './format.js';
import { isRole } from './roles.js';
import { ROLE_LABELS, ROLE_OPTIONS } from '../../labels.js';

export function MembersPanel() {
  const { organizationId } = useScope();
  const manage = useCan('member.manage');
  const me = useMe();
  const members = useMembers(organizationId);
  const invite = useInvite(organizationId);
  const changeRole = useChangeRole(organizationId);
  const remove = useRemoveMember(organizationId);
  const [inviting, setInviting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const removing = useConfirmed<Member>({
    run: (member, callbacks) => remove.mutate(member.userId, callbacks),
    done: (member) => `${member.displayName} no longer belongs to the organisation.`,
    onFailure: setFailure,
  });

  if (members.isPending) return <Loader aria-label="Loading the members" />;
  if (members.isError) {
    return (
      <Alert color="red" role="alert" title="The members could not be loaded">
        {members.error.message}
      </Alert>
    );
  }

  // The link is only in the invitation's result; "Done" forgets it for good.
  const created = invite.data ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {manage ? 'Members join by invitation and sign in with their own account; each has one role here.' : 'Only an admin invites members or changes their roles.'}
        </Text>
        {manage && <Button onClick={() => setInviting(true)}>Invite member</Button>}
      </Group>
      {failure && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setFailure(null)} title="Not changed">
          {failure}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Member since</Table.Th>
              {manage && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((member) => {
              const you = me.data?.user?.id === member.userId;
              return (
                <Table.Tr key={member.userId}>
                  <Table.Td>
                    {member.displayName}
                    {you && (
                      <Badge ml="xs" size="xs" variant="outline">
                        you
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    {manage ? (
                      <Select
                        aria-label={`Role of ${member.email}`}
                        size="xs"
                        w={160}
                        data={ROLE_OPTIONS}
                        value={member.role}
                        allowDeselect={false}
                        disabled={changeRole.isPending}
                        onChange={(role) => {
                          if (!isRole(role) || role === member.role) return;
                          setFailure(null);
                          changeRole.mutate(
                            { userId: member.userId, version: member.version, role },
                            {
                              onSuccess: () => notifySaved(`${member.displayName} is now ${ROLE_LABELS[role]}.`),
                              onError: (error) => setFailure(error.message),
                            },
                          );
                        }}
                      />
                    ) : (
                      ROLE_LABELS[member.role]
                    )}
                  </Table.Td>
                  <Table.Td>{formatInstant(member.createdAt)}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" aria-label={`Remove ${member.email}`} onClick={() => removing.ask(member)}>
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {manage && <PendingInvitations organizationId={organizationId} />}

      <Modal opened={inviting} onClose={() => setInviting(false)} title="Invite a member" centered>
        <InviteMemberForm
          loading={invite.isPending}
          error={invite.error ? invite.error.message : null}
          onCancel={() => {
            setInviting(false);
            invite.reset();
          }}
          onSubmit={(invitation) => invite.mutate(invitation, { onSuccess: () => setInviting(false) })}
        />
      </Modal>

      <ShownOnce
        title="Copy the invitation link now"
        label={`Invitation link for ${created?.invitation.email ?? ''}`}
        value={created?.link ?? null}
        copyLabel="Copy link"
        onDone={() => invite.reset()}
      >
        Send this link to {created?.invitation.email} over a channel you trust. It works once, until{' '}
        {formatInstant(created?.invitation.expiresAt ?? null)}: they choose their own password, or accept with the account they
        have. Assay keeps only a hash of it; if it is lost, invite them again.
      </ShownOnce>

      <ConfirmDialog {...removing.dialog} title="Remove this member?" confirmLabel="Remove member" loading={remove.isPending}>
        {removing.item?.displayName} ({removing.item?.email}) loses access to this organisation. Their account and what they recorded stay.
      </ConfirmDialog>
    </Stack>
  );
}
