/** The seed, typed or generated, and the button that makes the selection. */
import { Alert, Button, Group, TextInput } from '@mantine/core';
import { SectionCard } from '../../components/SectionCard.js';
import { randomSeed } from './population.js';
import type { SamplingState } from './useSampling.js';

export function SeedSection({ state }: { state: SamplingState['seed'] }) {
  const { seed, setSeed, select, problem } = state;
  return (
    <SectionCard title="Seed" padding="md">
      <Group align="flex-end">
        <TextInput
          label="Seed"
          description="Any text, published with the sample: e.g. the date and control, or a generated one"
          value={seed}
          onChange={(event) => setSeed(event.currentTarget.value)}
          w={360}
        />
        <Button variant="default" onClick={() => setSeed(randomSeed())}>
          Generate a seed
        </Button>
      </Group>
      <Group>
        <Button onClick={select}>Select sample</Button>
      </Group>
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
    </SectionCard>
  );
}
