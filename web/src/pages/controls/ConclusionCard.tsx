/**
 * The engine's conclusion on the control with its reasons and the figures behind it: deviations, the rate, the
 * bound judged against the tolerable rate and how it was computed, and the sample that would conclude; below
 * them, the findings on the control.
 */
import { Alert, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BoundBasis } from '@assay/domain/sampling/deviation-bound.js';
import type { Engagement } from '../../api/programme.js';
import type { ControlResult } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Facts, percent } from './Facts.js';
import { statusLabel } from '../../labels.js';

function basisLabel(basis: BoundBasis, confidence: number): string {
  switch (basis) {
    case 'exact':
      return 'exact: the whole population was tested';
    case 'clopper-pearson':
      return `upper limit at ${percent(confidence)} confidence (Clopper–Pearson)`;
    case 'untested-remainder':
      return 'the rate if every untested item deviated (lower than the statistical limit)';
  }
}

export function ConclusionCard(props: {
  result: ControlResult | undefined;
  loading: boolean;
  sampling: Engagement['sampling'] | undefined;
  /** What was done about the conclusion: the control's findings, or raising one. */
  children?: ReactNode;
}) {
  const { result, sampling } = props;
  return (
    <Card withBorder component="section" aria-labelledby="control-conclusion">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="control-conclusion">
            Conclusion
          </Title>
          {result && <StatusBadge value={result.conclusion} size="lg" aria-label={`Conclusion: ${statusLabel(result.conclusion)}`} />}
        </Group>
        {props.loading ? (
          <Loader size="sm" aria-label="Loading the conclusion" />
        ) : !result ? (
          <Text c="dimmed">Not evaluated yet.</Text>
        ) : (
          <>
            {result.reasons.length > 0 && (
              <List spacing={4} size="sm" aria-label="Reasons">
                {result.reasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            )}
            <Facts
              items={[
                ['Deviations', result.deviations === null ? '—' : `${result.deviations} of ${result.sampleSize ?? 0} samples`],
                ['Deviation rate', percent(result.deviationRate)],
                [
                  'Upper deviation limit',
                  result.upperDeviationLimit === null
                    ? '—'
                    : `${percent(result.upperDeviationLimit)}${sampling ? ` (tolerable: ${percent(sampling.tolerableRate)})` : ''}`,
                ],
                ['Bound basis', result.boundBasis ? basisLabel(result.boundBasis, sampling?.confidence ?? 0.9) : '—'],
                [
                  'Sample size',
                  result.sampleSize === null
                    ? '—'
                    : `${result.sampleSize}${result.requiredSampleSize !== null ? ` (the rules ask for ${result.requiredSampleSize})` : ''}`,
                ],
                [
                  'Sample size to conclude',
                  result.sampleSizeToConclude === null
                    ? '—'
                    : `${result.sampleSizeToConclude}, with no further deviation, would bring the bound within tolerance`,
                ],
              ]}
            />
            {result.failedSamples.length > 0 && (
              <Text size="sm">
                <Text span fw={500}>
                  Failed samples:
                </Text>{' '}
                {result.failedSamples.join(', ')}
              </Text>
            )}
            {result.warnings.length > 0 && (
              <Alert color="yellow" title="Warnings">
                <List size="sm">
                  {result.warnings.map((warning) => (
                    <List.Item key={warning}>{warning}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </>
        )}
        {props.children}
      </Stack>
    </Card>
  );
}
