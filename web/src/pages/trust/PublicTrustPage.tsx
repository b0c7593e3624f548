/**
 * An organisation's public trust page (`/trust/<slug>`), for anyone, signed in or not: exactly the snapshot its
 * admin published, and the request form for the report with the click-wrap NDA. An unpublished page and an
 * unknown organisation read the same.
 */
import { Alert, Button, Checkbox, Container, Group, Paper, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useParams } from 'react-router';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '@assay/contract/limits.js';
import { isEmailAddress } from '@assay/domain/accounts/invitation.js';
import { useAskForReport, usePublishedTrustPage, type PublishedTrustPage } from '../../api/trust.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { limitedText } from '../../components/text-limit.js';
import { formatDate, formatPeriod } from '../../dates.js';
import { categoryLabel, LABELS } from '../../labels.js';
import { SubscribeForm } from './SubscribeForm.js';

export function TrustFrame({ children }: { children: React.ReactNode }) {
  return (
    <Container component="main" size="md" py="xl">
      <Stack gap="lg">{children}</Stack>
    </Container>
  );
}

/** The NDA in force, to read in full before accepting it. */
export function NdaText({ nda }: { nda: NonNullable<PublishedTrustPage['nda']> }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" mb="xs">
        Non-disclosure agreement, version {nda.version}
      </Text>
      <ScrollArea.Autosize mah={200}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label="NDA text">
          {nda.text}
        </Text>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function RequestForm({ slug, nda }: { slug: string; nda: NonNullable<PublishedTrustPage['nda']> }) {
  const ask = useAskForReport(slug);
  const form = useForm({
    initialValues: { name: '', company: '', email: '', accept: false },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      company: (v) => (v.trim() ? null : 'Enter your company'),
      email: (v) => (isEmailAddress(v) ? null : 'Enter your e-mail address'),
      accept: (v) => (v ? null : 'Accept the NDA to ask for the report'),
    },
  });
  if (ask.isSuccess) {
    return (
      <Alert color="teal" title="Request received">
        The organisation will review your request. If it is approved, you receive a download link by e-mail.
      </Alert>
    );
  }
  return (
    <form
      aria-label="Request the report"
      noValidate
      onSubmit={form.onSubmit((v) => ask.mutate({ name: v.name.trim(), company: v.company.trim(), email: v.email.trim(), ndaVersion: nda.version, acceptNda: true }))}
    >
      <Stack>
        {ask.error && (
          <Alert color="red" role="alert">
            {ask.error.message}
          </Alert>
        )}
        <TextInput label="Your name" withAsterisk autoComplete="name" {...limitedText(form, 'name', MAX_NAME_LENGTH)} />
        <TextInput label="Company" withAsterisk autoComplete="organization" {...limitedText(form, 'company', MAX_NAME_LENGTH)} />
        <TextInput label="Work e-mail" withAsterisk autoComplete="email" {...limitedText(form, 'email', MAX_EMAIL_LENGTH)} />
        <NdaText nda={nda} />
        <Checkbox label={`I accept the non-disclosure agreement (version ${nda.version})`} {...form.getInputProps('accept', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={ask.isPending}>
            Request the report
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PublicTrustPage() {
  const slug = useParams().slug ?? '';
  const page = usePublishedTrustPage(slug);
  if (page.isError) {
    return (
      <TrustFrame>
        <Alert color="gray" title="No trust page here">
          There is no published trust page at this address.
        </Alert>
      </TrustFrame>
    );
  }
  if (!page.isSuccess) return pageFallback(page, { loading: 'Loading the trust page', failed: 'The trust page could not be loaded' });
  const { snapshot, nda } = page.data;
  return (
    <TrustFrame>
      <Title order={1}>{snapshot.organizationName}: trust</Title>
      <Text c="dimmed" size="sm">
        Published {formatDate(snapshot.publishedAt)}. Categories in scope: {snapshot.categories.map(categoryLabel).join(', ') || 'security'}.
      </Text>
      {snapshot.report && (
        <section aria-label="SOC 2 report">
          <Title order={2} size="h3">
            SOC 2 report
          </Title>
          <Text>
            {LABELS[snapshot.report.type]} report, {formatPeriod(snapshot.report.periodStart, snapshot.report.periodEnd)}
          </Text>
        </section>
      )}
      {snapshot.controlAreas.length > 0 && (
        <section aria-label="Control areas">
          <Title order={2} size="h3">
            Control areas
          </Title>
          <Table aria-label="Control areas">
            <Table.Tbody>
              {snapshot.controlAreas.map((area) => (
                <Table.Tr key={area.series}>
                  <Table.Td>{area.series}</Table.Td>
                  <Table.Td>
                    <StatusBadge value={area.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      {snapshot.subprocessors.length > 0 && (
        <section aria-label="Subprocessors">
          <Title order={2} size="h3">
            Subprocessors
          </Title>
          <Table aria-label="Subprocessors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Purpose</Table.Th>
                <Table.Th>Location</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snapshot.subprocessors.map((s) => (
                <Table.Tr key={s.name}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{s.purpose}</Table.Td>
                  <Table.Td>{s.location}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      )}
      <Text>Contact: {snapshot.contact}</Text>
      {nda && (
        <section aria-label="Request the SOC 2 report">
          <Title order={2} size="h3" mb="sm">
            Request the SOC 2 report
          </Title>
          <RequestForm slug={slug} nda={nda} />
        </section>
      )}
      <section aria-label="Subscribe to changes">
        <Title order={2} size="h3" mb="sm">
          Subscribe to changes
        </Title>
        <SubscribeForm slug={slug} />
      </section>
    </TrustFrame>
  );
}
