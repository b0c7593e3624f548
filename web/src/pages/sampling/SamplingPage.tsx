/**
 * Sampling in the browser (DESIGN §5): a population pasted or uploaded as CSV, the size the rules ask for, a
 * seed, and the selection by the published rule (rank = hex SHA-256 of `<seed>:<id>`, ascending, first n),
 * which anyone can recompute. Whoever records tests records the selection as the control's test.
 */
import { Alert, Code, List, Stack, Text, Title } from '@mantine/core';
import { useCan } from '../../components/useRole.js';
import { useEngagementRoot } from '../../paths.js';
import { PopulationSection } from './PopulationSection.js';
import { RecordSelection } from './RecordSelection.js';
import { SampleSizeSection } from './SampleSizeSection.js';
import { SeedSection } from './SeedSection.js';
import { SelectionResult } from './SelectionResult.js';
import { useSampling } from './useSampling.js';

export function SamplingPage() {
  const root = useEngagementRoot();
  const canRecord = useCan('test.record');
  const state = useSampling();
  const { made, stale } = state;

  return (
    <Stack>
      <Title order={1} size="h2">
        Sampling
      </Title>
      <Text>
        Each item is ranked by the hex SHA-256 of <Code>{'<seed>:<item id>'}</Code>, in ascending order, and the first
        n are the sample. The order of the file does not matter, and anyone with the file and the seed can recompute
        the selection.
      </Text>

      <PopulationSection state={state.population} />
      <SampleSizeSection state={state.size} />
      <SeedSection state={state.seed} />

      {made && !made.selection.ok && (
        <Alert color="red" title={made.selection.title} role="alert">
          <List size="sm">
            {made.selection.issues.map((issue) => (
              <List.Item key={`${issue.location}: ${issue.message}`}>
                {issue.location}: {issue.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {made && made.selection.ok && (
        <>
          <SelectionResult items={made.selection.items} seed={made.seed} column={made.column} rows={made.rows} stale={stale} />
          {canRecord && (
            <RecordSelection
              control={state.size.control}
              items={made.selection.items.map((i) => i.item)}
              populationSize={made.rows}
              blocked={stale ? 'The population, column, seed or size changed since this selection: select again first.' : null}
              root={root}
            />
          )}
        </>
      )}
    </Stack>
  );
}
