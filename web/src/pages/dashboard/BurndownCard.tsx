/** The corrective action burndown on the dashboard: how much is done, what is overdue, and the chart. */
import { Alert, Anchor, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { useRemediation } from '../../api/remediation.js';
import { BurndownChart } from '../remediation/BurndownChart.js';
import { doneSentence } from '../remediation/format.js';
import { sectionPage } from '../../paths.js';

export function BurndownCard({ root }: { root: string }) {
  const headingId = useId();
  const remediation = useRemediation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            Corrective action burndown
          </Title>
          <Anchor component={Link} to={sectionPage(root, 'remediation')} size="sm">
            All corrective actions
          </Anchor>
        </Group>
        {remediation.isError ? (
          <Alert color="red" title="The corrective actions could not be loaded">
            {remediation.error.message}
          </Alert>
        ) : remediation.isPending ? (
          <Loader size="sm" aria-label="Loading the corrective actions" />
        ) : (
          <>
            <Group gap="lg">
              <Text fw={500}>{doneSentence(remediation.data.counts)}</Text>
              <Text c={remediation.data.counts.overdue > 0 ? 'red' : 'dimmed'}>{remediation.data.counts.overdue} overdue</Text>
            </Group>
            <BurndownChart chart={remediation.data.burndown} today={remediation.data.today} height={200} />
          </>
        )}
      </Stack>
    </Card>
  );
}
