/**
 * The frame of every engagement page: where you are, where you can go, who you are. An archived engagement
 * (reached from Settings › Archived) says so above every page: it is read-only.
 */
import { ActionIcon, Alert, AppShell, Burger, Group, NavLink, Select, Text, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useEngagement, useEngagements, useExamination, useScope, type Engagement } from '../api/programme.js';
import { useOrganizations } from '../api/session.js';
import { AccountMenu } from './AccountMenu.js';
import { formatDate } from '../dates.js';
import { OverdueBadge } from '../pages/remediation/OverdueBadge.js';
import { engagementRoot, homePage, sectionPage, type Section } from '../paths.js';

/** The navigation, in order: the dashboard (null: the engagement's root), then each section. */
const NAVIGATION: { section: Section | null; label: string }[] = [
  { section: null, label: 'Dashboard' },
  { section: 'criteria', label: 'Criteria' },
  { section: 'controls', label: 'Controls' },
  { section: 'sampling', label: 'Sampling' },
  { section: 'findings', label: 'Findings' },
  { section: 'rootCauses', label: 'Root causes' },
  { section: 'remediation', label: 'Corrective actions' },
  { section: 'reports', label: 'Reports' },
  { section: 'periods', label: 'Compare periods' },
  { section: 'settings', label: 'Settings' },
];

export function Layout() {
  const [opened, { toggle }] = useDisclosure();
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const location = useLocation();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const engagements = useEngagements(organizationId);
  const current = useEngagement().data;
  const archived = current?.archivedAt ? current : null;
  // Most pages show the examination: asking for it here, beside the page's own code, saves a round trip.
  useExamination();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Text fw={700} size="lg" component="span">
              Assay
            </Text>
            <Select
              aria-label="Organisation"
              size="xs"
              w={180}
              data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={organizationId}
              onChange={(id) => id && id !== organizationId && navigate(homePage(id))}
              allowDeselect={false}
            />
            <Select
              aria-label="Engagement"
              size="xs"
              w={260}
              data={switcherChoices(engagements.data ?? [], archived)}
              value={engagementId}
              onChange={(id) => id && navigate(engagementRoot(organizationId, id))}
              allowDeselect={false}
            />
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Tooltip label={scheme === 'dark' ? 'Light mode' : 'Dark mode'}>
              <ActionIcon
                variant="default"
                aria-label={scheme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? '☀' : '☾'}
              </ActionIcon>
            </Tooltip>
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections">
        {NAVIGATION.map(({ section, label }) => {
          const to = section === null ? root : sectionPage(root, section);
          return (
            <NavLink
              key={label}
              component={RouterLink}
              to={to}
              label={label}
              // The in-app reminder: how many corrective actions are overdue.
              rightSection={section === 'remediation' ? <OverdueBadge /> : undefined}
              end={section === null}
              active={section === null ? location.pathname === root : location.pathname.startsWith(to)}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        {archived && (
          <Alert color="gray" title="This engagement is archived" mb="md">
            Since {formatDate(archived.archivedAt)} it is read-only: its work is kept and can be read and
            exported, but nothing in it can be changed. An admin can restore it in Settings › Archived.
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * The engagements in use, and the archived one on screen, marked so: once, whether or not the list (read before
 * it was archived, or not yet read again) still has it.
 */
function switcherChoices(inUse: readonly Engagement[], archived: Engagement | null): { value: string; label: string }[] {
  const choices = inUse.filter((e) => e.id !== archived?.id).map((e) => ({ value: e.id, label: e.name }));
  return archived ? [...choices, { value: archived.id, label: `${archived.name} (archived)` }] : choices;
}
