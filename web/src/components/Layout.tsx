/**
 * The frame of every engagement page: where you are, where you can go, who you are. An archived engagement
 * (reached from Settings › Archived) says so above every page: it is read-only.
 */
import {
  ActionIcon,
  Alert,
  AppShell,
  Burger,
  Combobox,
  Group,
  Input,
  InputBase,
  NavLink,
  Select,
  Stack,
  Text,
  Tooltip,
  useCombobox,
  useComputedColorScheme,
  useMantineColorScheme,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Fragment, useEffect } from 'react';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useEngagement, useEngagements, useExamination, useScope, type Engagement } from '../api/programme.js';
import { useOrganizations } from '../api/session.js';
import { AccountMenu } from './AccountMenu.js';
import { ID_CLASS } from '../theme.js';
import { useDateLocale } from './useDateLocale.js';
import { formatDate } from '../dates.js';
import { OverdueBadge } from '../pages/remediation/OverdueBadge.js';
import { engagementRoot, homePage, sectionPage, type Section } from '../paths.js';

/** The navigation, in order: the dashboard (null: the engagement's root), then each section. */
const NAVIGATION: { section: Section | null; label: string }[] = [
  { section: null, label: 'Dashboard' },
  { section: 'description', label: 'System description' },
  { section: 'criteria', label: 'Criteria' },
  { section: 'controls', label: 'Controls' },
  { section: 'sampling', label: 'Sampling' },
  { section: 'evidence', label: 'Evidence' },
  { section: 'requests', label: 'Evidence requests' },
  { section: 'coverage', label: 'Coverage' },
  { section: 'findings', label: 'Findings' },
  { section: 'rootCauses', label: 'Root causes' },
  { section: 'remediation', label: 'Corrective actions' },
  { section: 'checks', label: 'Monitoring' },
  { section: 'risks', label: 'Risks' },
  { section: 'vendors', label: 'Vendors' },
  { section: 'reports', label: 'Reports' },
  { section: 'periods', label: 'Compare periods' },
  { section: 'settings', label: 'Settings' },
];

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const wide = useMediaQuery(`(min-width: ${useMantineTheme().breakpoints.sm})`, undefined, { getInitialValueInEffect: false });
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const location = useLocation();
  // On a phone the navigation covers the page: it closes once a link or a switcher has taken the person somewhere.
  useEffect(close, [location.pathname, close]);
  const current = useEngagement().data;
  const archived = current?.archivedAt ? current : null;
  // Most pages show the examination: asking for it here, beside the page's own code, saves a round trip.
  useExamination();
  const locale = useDateLocale();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Open navigation" />
            <Text fw={700} size="lg" component="span">
              Assay
            </Text>
            {wide && <Switchers archived={archived} />}
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
        {/* On a phone the header has no room for the switchers: they open with the navigation. */}
        {!wide && (
          <Stack gap="xs" mb="sm">
            <Switchers archived={archived} />
          </Stack>
        )}
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
        <Outlet key={locale} />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * Which organisation and engagement the pages show; the engagement's full name is never cut.
 */
function Switchers({ archived }: { archived: Engagement | null }) {
  const { organizationId, engagementId } = useScope();
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const engagements = useEngagements(organizationId);
  const choices = switcherChoices(engagements.data ?? [], archived);
  return (
    <>
      <Select
        aria-label="Organisation"
        size="xs"
        w={{ base: '100%', sm: 180 }}
        data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        value={organizationId}
        onChange={(id) => id && id !== organizationId && navigate(homePage(id))}
        allowDeselect={false}
        comboboxProps={LIST_AS_WIDE_AS_NAMES}
      />
      <EngagementSwitcher choices={choices} current={engagementId} onChoose={(id) => navigate(engagementRoot(organizationId, id))} />
    </>
  );
}

/**
 * The engagement switcher: a button (not a text field, which cannot wrap) showing the engagement's whole name,
 * over several lines where the room is narrow, and the list of the organisation's engagements under it.
 */
function EngagementSwitcher({ choices, current, onChoose }: { choices: { value: string; label: string }[]; current: string; onChoose: (id: string) => void }) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const name = choices.find((c) => c.value === current)?.label;
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        combobox.closeDropdown();
        if (id !== current) onChoose(id);
      }}
      {...LIST_AS_WIDE_AS_NAMES}
    >
      <Combobox.Target targetType="button">
        <InputBase
          component="button"
          type="button"
          aria-label="Engagement"
          size="xs"
          // As wide as the name, up to 40% of a wide screen; a longer name takes a second line.
          w={{ base: '100%', sm: 'auto' }}
          miw={{ sm: 260 }}
          maw={{ base: '100%', sm: '40vw' }}
          pointer
          rightSection={<Combobox.Chevron />}
          rightSectionPointerEvents="none"
          onClick={() => combobox.toggleDropdown()}
          styles={{ input: { height: 'auto', minHeight: 30, whiteSpace: 'normal', textAlign: 'start', lineHeight: 1.3, paddingBlock: 5 } }}
        >
          {name ? <WholeWords text={name} /> : <Input.Placeholder>Choose an engagement</Input.Placeholder>}
        </InputBase>
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options>
          {choices.map((choice) => (
            <Combobox.Option key={choice.value} value={choice.value} active={choice.value === current}>
              {choice.label}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** A name that wraps only between its words, never at a hyphen inside one ("Acme-Cloud" stays whole). */
function WholeWords({ text }: { text: string }) {
  return text.split(' ').map((word, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span className={ID_CLASS}>{word}</span>
    </Fragment>
  ));
}

/** A switcher's list is at least as wide as its field and grows to show a long name whole, up to most of a phone. */
const LIST_AS_WIDE_AS_NAMES = { width: 'max-content', position: 'bottom-start', styles: { dropdown: { minWidth: 180, maxWidth: 'min(480px, 92vw)' } } } as const;

/**
 * The engagements in use, and the archived one on screen, marked so: once, whether or not the list (read before
 * it was archived, or not yet read again) still has it.
 */
function switcherChoices(inUse: readonly Engagement[], archived: Engagement | null): { value: string; label: string }[] {
  const choices = inUse.filter((e) => e.id !== archived?.id).map((e) => ({ value: e.id, label: e.name }));
  return archived ? [...choices, { value: archived.id, label: `${archived.name} (archived)` }] : choices;
}
