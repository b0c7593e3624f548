/** The members panel's data: the organisation's members, inviting one (the link shown once), roles and removal. */
import { useState } from 'react';
import type { Role } from '@assay/domain';
import { useInvite } from '../../api/invitations.js';
import { useScope } from '../../api/programme.js';
import { useMe } from '../../api/session.js';
import { useChangeRole, useMembers, useRemoveMember, type Member } from '../../api/settings.js';
import { useCreationDialog } from '../../components/useCreationDialog.js';
import { useConfirmed } from '../../components/ConfirmDialog.js';
import { notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { ROLE_LABELS } from '../../labels.js';

export function useMembersPanel() {
  const { organizationId } = useScope();
  const manage = useCan('member.manage');
  const me = useMe();
  const members = useMembers(organizationId);
  const invite = useInvite(organizationId);
  const changeRole = useChangeRole(organizationId);
  const remove = useRemoveMember(organizationId);
  const inviting = useCreationDialog(invite);
  const [failure, setFailure] = useState<string | null>(null);
  const removing = useConfirmed<Member>({
    run: (member, callbacks) => remove.mutate(member.userId, callbacks),
    done: (member) => `${member.displayName} no longer belongs to the organisation.`,
    onFailure: setFailure,
  });
  /** Gives the member another role at the version listed (a stale one, or the last admin's, is refused). */
  const setRole = (member: Member, role: Role) => {
    setFailure(null);
    changeRole.mutate(
      { userId: member.userId, version: member.version, role },
      {
        onSuccess: () => notifySaved(`${member.displayName} is now ${ROLE_LABELS[role]}.`),
        onError: (error) => setFailure(error.message),
      },
    );
  };
  return {
    organizationId,
    manage,
    you: me.data?.user?.id ?? null,
    members,
    invite,
    inviting,
    changingRole: changeRole.isPending,
    setRole,
    remove,
    removing,
    failure,
    setFailure,
  };
}
