/**
 * Who is signed in, and what they do with their own account: change the password, read the API's documentation
 * (for scripts and API tokens), sign out here or everywhere.
 */
import { Box, Button, Menu, Modal } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSignOutEverywhere } from '../api/account.js';
import { useLogout, useMe } from '../api/session.js';
import { ChangePasswordForm } from '../pages/account/ChangePasswordForm.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { notifyError } from './notify.js';
import { useRole } from './useRole.js';
import { API_DOCS, LOGIN_PAGE } from '../paths.js';

export function AccountMenu() {
  const me = useMe();
  const role = useRole();
  const navigate = useNavigate();
  const logout = useLogout();
  const everywhere = useSignOutEverywhere();
  const [changing, setChanging] = useState(false);
  const [endingAll, setEndingAll] = useState(false);
  const email = me.data?.user?.email ?? '';
  const who = `${email}${role ? ` · ${role}` : ''}`;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" aria-label={`Account of ${email}`}>
            {/* A phone's header has room for a word, not an email address: the menu then says who is signed in. */}
            <Box component="span" visibleFrom="md">
              {who}
            </Box>
            <Box component="span" hiddenFrom="md">
              Account
            </Box>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label hiddenFrom="md">{who}</Menu.Label>
          <Menu.Item onClick={() => setChanging(true)}>Change password</Menu.Item>
          <Menu.Item component="a" href={API_DOCS} target="_blank" rel="noopener">
            API documentation
          </Menu.Item>
          <Menu.Divider />
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
