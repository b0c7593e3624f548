/**
 * Engagement settings, members, API tokens and the archived engagements, one tab each (the tab is in the
 * address, `?tab=members`, so a link or a reload lands on it). Each tab is editable only for the roles the
 * permission table allows.
 */
import { Loader, Stack, Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useOrganizations } from '../../api/session.js';
import { ArchivedPanel } from './ArchivedPanel.js';
import { EngagementSettings } from './EngagementSettings.js';
import { MembersPanel } from './MembersPanel.js';
import { TokensPanel } from './TokensPanel.js';

const TABS = ['engagement', 'members', 'tokens', 'archived'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

export function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'engagement';
  // The role decides what is editable: wait for it rather than show a form that turns editable a moment later.
  const organizations = useOrganizations();
  if (organizations.isPending) return <Loader aria-label="Loading" />;
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) => isTab(value) && setParams(value === 'engagement' ? {} : { tab: value }, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="engagement">Engagement</Tabs.Tab>
          <Tabs.Tab value="members">Members and roles</Tabs.Tab>
          <Tabs.Tab value="tokens">API tokens</Tabs.Tab>
          <Tabs.Tab value="archived">Archived</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="engagement" pt="md">
          <EngagementSettings />
        </Tabs.Panel>
        <Tabs.Panel value="members" pt="md">
          <MembersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <TokensPanel />
        </Tabs.Panel>
        <Tabs.Panel value="archived" pt="md">
          <ArchivedPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
