/**
 * Engagement settings, members, API tokens, the archived engagements and the organisation's own (its dates), one tab each (the tab is in the
 * address, `?tab=members`, so a link or a reload lands on it). Each tab is editable only for the roles the
 * permission table allows.
 */
import { Loader, Stack, Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useOrganizations } from '../../api/session.js';
import { ArchivedPanel } from './ArchivedPanel.js';
import { EngagementSettings } from './EngagementSettings.js';
import { MembersPanel } from './MembersPanel.js';
import { OrganizationPanel } from './OrganizationPanel.js';
import { TokensPanel } from './TokensPanel.js';
import { TrustPanel } from '../trust/TrustPanel.js';

const TABS = [
  { value: 'engagement', label: 'Engagement', Panel: EngagementSettings },
  { value: 'members', label: 'Members and roles', Panel: MembersPanel },
  { value: 'tokens', label: 'API tokens', Panel: TokensPanel },
  { value: 'archived', label: 'Archived', Panel: ArchivedPanel },
  { value: 'organization', label: 'Organisation', Panel: OrganizationPanel },
  { value: 'trust', label: 'Trust page', Panel: TrustPanel },
] as const;
type Tab = (typeof TABS)[number]['value'];

function isTab(value: string | null): value is Tab {
  return TABS.some((t) => t.value === value);
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
          {TABS.map(({ value, label }) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
