/** Who is signed in, and what they do with their own account: change the password, sign out here or everywhere. */
import { Button, Menu, Modal } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSignOutEverywhere } from '../api/account.js';
import { useLogout, useMe } from '../api/session.js';
import { ChangePasswordForm } from '../pages/account/ChangePasswordForm.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { notifyError } from './notify.js';
import { useRole } from './useRole.js';
import { LOGIN_PAGE } from '../paths.js';

export function AccountMenu() {
  const me = useMe();
  const role = useRole();
  const navigate = useNavigate();
  const logout = useLogout();
  const everywhere = useSignOutEverywhere();
  const [changing, setChanging] = useState(false);
  const [endingAll, setEndingAll] = useState(false);
  const email = me.data?.user?.email ?? '';

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" aria-label={`Account of ${email}`}>
            {email}
            {role ? ` · ${role}` : ''}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setChanging(true)}>Change password</Menu.Item>
          <Menu.Item onClick={() => setEndingAll(true)}>Sign out everywhere</Menu.Item>
          <Menu.Item onClick={() => logout.mutate(undefined, { onSettled: () => navigate(LOGIN_PAGE) })}>Sign out</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={changing} onClose={() => setChanging(false)} title="Change your password" centered>
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Modal>
      <ConfirmDialog
        opened={endingAll}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        loading={everywhere.isPending}
        onCancel={() => setEndingAll(false)}
        onConfirm={() =>
          everywhere.mutate(undefined, {
            onSuccess: () => navigate(LOGIN_PAGE),
            onError: (error) => notifyError(error),
            onSettled: () => setEndingAll(false),
          })
        }
      >
        Every session of yours ends, on this device and all others (a browser left signed in elsewhere, a lost laptop).
      </ConfirmDialog>
    </>
  );
}
