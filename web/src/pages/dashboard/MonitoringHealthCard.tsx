/** Monitoring's health beside the opinion: how the checks' latest runs stand, a click away from the checks. */
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useChecks } from '../../api/checks.js';
import { queryFallback } from '../../components/QueryFallback.js';
import { SectionCard } from '../../components/SectionCard.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { sectionPage } from '../../paths.js';
import { monitoringHealth } from '../checks/health.js';

export function MonitoringHealthCard({ root }: { root: string }) {
  const checks = useChecks();
  return (
    <SectionCard size="h3" title="Monitoring">
      {checks.isSuccess ? (
        <Stack gap="xs">
          <Text size="sm">{monitoringHealth(checks.data).sentence}</Text>
          {checks.data.map((c) => (
            <Group key={c.id} gap="xs" wrap="nowrap">
              <StatusBadge value={c.latestRun?.status ?? 'not_tested'} />
              <Text size="sm">{c.id}</Text>
            </Group>
          ))}
          <Anchor component={Link} to={sectionPage(root, 'checks')} size="sm">
            The checks
          </Anchor>
        </Stack>
      ) : (
        queryFallback(checks, { loading: 'Loading the checks', failed: 'The checks could not be loaded' })
      )}
    </SectionCard>
  );
}
