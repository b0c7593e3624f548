/** Shows its children to a signed-in person; sends anyone else to the login page. */
import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMe } from '../api/session.js';
import { LOGIN_PAGE } from '../paths.js';

export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!me.data) return <Navigate to={LOGIN_PAGE} replace />;
  return children;
}
