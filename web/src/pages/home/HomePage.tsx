/**
 * The start page: straight to the first engagement of the organisation asked for, or of the first one; to the
 * setup page when there is none to open (a fresh installation, or an organisation without an engagement).
 */
import { Center, Loader } from '@mantine/core';
import { Navigate, useSearchParams } from 'react-router';
import { useEngagements } from '../../api/programme.js';
import { useOrganizations } from '../../api/session.js';
import { engagementRoot, setupPage } from '../../paths.js';

export function HomePage() {
  const organizations = useOrganizations();
  const [params] = useSearchParams();
  const asked = params.get('organization');
  const first = organizations.data?.find((o) => o.id === asked) ?? organizations.data?.[0];
  const engagements = useEngagements(first?.id);
  if (organizations.isPending || (first && engagements.isPending)) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const engagement = engagements.data?.[0];
  if (!first || !engagement) return <Navigate to={setupPage(first?.id)} replace />;
  return <Navigate to={engagementRoot(first.id, engagement.id)} replace />;
}
