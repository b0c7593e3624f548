/**
 * The opinion card's word on criteria proposed not applicable: a pending proposal counts for nothing in the forecast,
 * so for each the card says the opinion both ways, as the engine gives it with the proposal accepted and without.
 */
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { withArticle } from '@assay/domain/words.js';
import { useNotApplicableProposals, type NotApplicableProposals } from '../../api/not-applicable.js';
import { statusLabel } from '../../labels.js';
import { criteriaHref } from '../criteria/filters.js';

type Forecast = NotApplicableProposals['forecasts'][number];

const opinionWords = (kind: Forecast['opinion']) => withArticle(`${statusLabel(kind)} ${kind === 'disclaimer' ? 'of opinion' : 'opinion'}`);

export function PendingExclusions({ root }: { root: string }) {
  const proposals = useNotApplicableProposals();
  // Loading or refused, the card shows the opinion without this part: the proposals add to it, never hold it up.
  const forecasts = proposals.data?.forecasts ?? [];
  if (forecasts.length === 0) return null;
  const decider = proposals.data?.hasAuditor === false ? 'an admin' : 'the auditor';
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Pending not applicable
      </Title>
      <Text size="sm" c="dimmed">
        A criterion proposed not applicable counts in the forecast only once {decider} accepts it.
      </Text>
      <List size="sm" spacing={4} aria-label="The opinion with each pending proposal">
        {forecasts.map((forecast) => (
          <List.Item key={forecast.criterion}>
            If {decider} accepts the proposal for{' '}
            <Anchor component={Link} to={criteriaHref(root, { query: forecast.criterion })}>
              {forecast.criterion}
            </Anchor>
            : {opinionWords(forecast.opinionIfAccepted)}; if not: {opinionWords(forecast.opinion)}.
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
