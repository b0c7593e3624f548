/**
 * Monitoring: the engagement's checks, each with its latest result, its sources and their exports, its trend,
 * failing items linked to their finding, and its run history (docs/monitoring-server.md).
 */
import { Stack, Text } from '@mantine/core';
import { useChecks } from '../../api/checks.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { useEngagementRoot } from '../../paths.js';
import { monitoringHealth } from './health.js';
import { CheckCard } from './CheckCard.js';

export function ChecksPage() {
  const checks = useChecks();
  const root = useEngagementRoot();
  if (!checks.isSuccess) return pageFallback(checks, { loading: 'Loading the checks', failed: 'The checks could not be loaded' });
  return (
    <Stack gap="lg">
      <PageHeading title="Monitoring">{monitoringHealth(checks.data).sentence}</PageHeading>
      {checks.data.length === 0 && (
        <Text size="sm" c="dimmed">
          The engagement has no checks: import a workspace with a checks/ folder.
        </Text>
      )}
      {checks.data.map((check) => (
        <CheckCard key={check.id} check={check} root={root} />
      ))}
    </Stack>
  );
}
