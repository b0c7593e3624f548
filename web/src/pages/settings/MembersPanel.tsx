/**
 * The organisation's members and their roles; admins (`member.manage`) invite people (the link is shown once),
 * see and revoke pending invitations, change roles and remove members.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FailureAlert, queryFallback } from '../../components/QueryFallback.js';
import { ShownOnce } from '../../components/ShownOnce.js';
import { formatInstant } from './format.js';
import { InviteMemberForm } from './InviteMemberForm.js';
import { useMembersPanel } from './members.js';
import { MembersTable } from './MembersTable.js';
import { PendingInvitations } from './PendingInvitations.js';

export function MembersPanel() {
  const { organizationId, manage, you, members, invite, inviting, changingRole, setRole, remove, removing, failure, setFailure } =
    useMembersPanel();

  if (!members.isSuccess) return queryFallback(members, { loading: 'Loading the members', failed: 'The members could not be loaded' });

  // The link is only in the invitation's result; "Done" forgets it for good.
  const created = invite.data ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {manage ? 'Members join by invitation and sign in with their own account; each has one role here.' : 'Only an admin invites members or changes their roles.'}
        </Text>
        {manage && <Button onClick={inviting.open}>Invite member</Button>}
      </Group>
      <FailureAlert title="Not changed" failure={failure} onClose={() => setFailure(null)} />
      <MembersTable members={members.data} you={you} manage={manage} changingRole={changingRole} onRole={setRole} onRemove={removing.ask} />

      {manage && <PendingInvitations organizationId={organizationId} />}

      <Modal {...inviting.modal} title="Invite a member" centered>
        <InviteMemberForm {...inviting.form} />
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
