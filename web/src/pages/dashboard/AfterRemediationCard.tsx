/**
 * The forecast after remediation: where the report would stand if every control whose finding was closed by a
 * passing retest operated as its retest found, beside the period's own forecast, which stays as found
 * (remediation never erases a deviation).
 */
import { Anchor, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';
import { useAfterRemediation, type RemediatedControl } from '../../api/periods.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { controlPage, findingPage } from '../../paths.js';
import { statusLabel } from '../../labels.js';
import { counted } from '@assay/domain/words.js';

export function AfterRemediationCard({ root }: { root: string }) {
  const headingId = useId();
  const forecast = useAfterRemediation();

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId} h="100%">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          Forecast after remediation
        </Title>
        {forecast.isPending && <Skeleton height={80} aria-label="Loading the forecast after remediation" />}
        {forecast.isError && (
          <Text size="sm" c="red">
            The forecast after remediation could not be loaded: {forecast.error.message}
          </Text>
        )}
        {forecast.data && (
          <>
            <Group gap="sm">
              <StatusBadge value={forecast.data.opinion.overall} size="lg" aria-hidden />
              <Text fw={500}>{`Forecast opinion after remediation: ${statusLabel(forecast.data.opinion.overall)}`}</Text>
            </Group>
            <RetestedControls controls={forecast.data.controls} root={root} />
            <Text size="sm" c="dimmed">
              {`The period's own forecast stays as found (${statusLabel(forecast.data.current.overall)}): remediation never erases a deviation.`}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The controls whose retest moves their conclusion; those it leaves as they were are only counted. */
function RetestedControls({ controls, root }: { controls: RemediatedControl[]; root: string }) {
  const changed = controls.filter((c) => c.before !== c.after);
  if (changed.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {controls.length === 0
          ? "No finding is closed on a passing retest yet, so the forecast after remediation is the period's own."
          : `${counted(controls.length, 'control')} retested after a closed finding ${controls.length === 1 ? 'concludes' : 'conclude'} as in the period.`}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} aria-label="Controls whose retest changes their conclusion">
      {changed.map((c) => (
        <List.Item key={c.control}>
          <Anchor component={Link} to={controlPage(root, c.control)}>
            {c.control}
          </Anchor>
          {`: ${statusLabel(c.before)} → ${statusLabel(c.after)} on retest ${c.retest} of `}
          <Anchor component={Link} to={findingPage(root, c.finding)}>
            {c.finding}
          </Anchor>
        </List.Item>
      ))}
    </List>
  );
}
