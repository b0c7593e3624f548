/**
 * Setting up: where a signed-in person with no engagement to open lands. It offers what they may do, in order:
 * create the organisation (an instance administrator, or anyone under `--allow-signup`), start its first
 * engagement (admin and compliance), then invite people from the engagement's settings. Sign-out is always in
 * the header.
 */
import { AppShell, Center, Container, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { can } from '@assay/domain/access/permissions.js';
import { useEngagements } from '../../api/programme.js';
import { useOrganizations } from '../../api/session.js';
import { useSetupOptions } from '../../api/setup.js';
import { AccountMenu } from '../../components/AccountMenu.js';
import { SectionCard } from '../../components/SectionCard.js';
import { engagementRoot, setupPage } from '../../paths.js';
import { CreateOrganization } from './CreateOrganization.js';
import { StartEngagement } from './StartEngagement.js';
import { useDateLocale } from '../../components/useDateLocale.js';

function Waiting() {
  return (
    <Center mih="50vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function SetupSteps() {
  const navigate = useNavigate();
  const organizations = useOrganizations();
  const options = useSetupOptions();
  const [params] = useSearchParams();
  const asked = params.get('organization');
  const organization = organizations.data?.find((o) => o.id === asked) ?? organizations.data?.[0];
  const engagements = useEngagements(organization?.id);
  if (organizations.isPending || options.isPending || (organization && engagements.isPending)) return <Waiting />;

  if (!organization) {
    if (options.data?.mayCreateOrganizations) return <CreateOrganization onCreated={(id) => navigate(setupPage(id), { replace: true })} />;
    return (
      <SectionCard title="You belong to no organisation yet">
        <Text size="sm">
          On this installation organisations are created by an instance administrator, and people join one by
          invitation. Ask your organisation’s admin for an invitation link, then open it while signed in.
        </Text>
      </SectionCard>
    );
  }
  // Asked for here on purpose (a second engagement); without asking, an engagement in use is opened at once.
  const first = engagements.data?.[0];
  if (first && asked === null) return <Navigate to={engagementRoot(organization.id, first.id)} replace />;

  if (!can(organization.role, 'engagement.manage')) {
    return (
      <SectionCard title={`${organization.name} has no engagement yet`}>
        <Text size="sm">An admin or the compliance lead of {organization.name} starts the first engagement; it opens here once it exists.</Text>
      </SectionCard>
    );
  }
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {organization.name}: start {first ? 'another' : 'the first'} engagement.
      </Text>
      <StartEngagement organizationId={organization.id} />
      <SectionCard title="3. Invite people">
        <List size="sm">
          <List.Item>Once the engagement is open, Settings › Members invites people by e-mail, each in one role.</List.Item>
          <List.Item>Compliance runs the programme, owners keep their controls’ evidence, the auditor records tests, viewers read.</List.Item>
        </List>
      </SectionCard>
    </Stack>
  );
}

export function SetupPage() {
  useDateLocale();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg" component="span">
            Assay
          </Text>
          <AccountMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md">
          <Stack gap="lg">
            <Title order={1} size="h2">
              Set up Assay
            </Title>
            <SetupSteps />
          </Stack>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
