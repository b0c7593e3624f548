/** The control sampled and the sample size: the one its frequency asks for, or attribute sampling's. */
import { Button, Group, NumberInput, Select, Text } from '@mantine/core';
import { SectionCard } from '../../components/SectionCard.js';
import { frequencyLabel } from '../../labels.js';
import { percent } from '../controls/Facts.js';
import type { SamplingState } from './useSampling.js';

export function SampleSizeSection({ state }: { state: SamplingState['size'] }) {
  const { controls, control, chooseControl, rows, proposed, sampling, attribute, size, setSize } = state;
  return (
    <SectionCard title="Control and sample size" padding="md">
      <Select
        label="Control"
        description="Its frequency sets the size the rules ask for"
        placeholder="Pick a control"
        searchable
        clearable
        data={controls.map((c) => ({ value: c.id, label: `${c.id} · ${c.title}` }))}
        value={control?.id ?? null}
        onChange={chooseControl}
        maw={520}
      />
      <Text size="sm">
        {proposed === null
          ? 'Paste the population to see the size the rules ask for.'
          : control
            ? `The rules ask for ${proposed} samples for ${control.id} (${frequencyLabel(control.frequency).toLowerCase()}, population of ${rows}).`
            : `The rules ask for ${proposed} samples for an event-driven control with a population of ${rows}; pick the control to size the sample by its frequency.`}
      </Text>
      <Group align="flex-end">
        <NumberInput
          label="Sample size"
          min={0}
          max={rows || undefined}
          allowDecimal={false}
          allowNegative={false}
          value={size}
          onChange={(value) => setSize(typeof value === 'number' ? value : '')}
          w={160}
        />
        {attribute !== null && sampling && (
          <Group gap="xs" align="center">
            <Text size="sm" c="dimmed">
              Attribute sampling instead ({percent(sampling.confidence)} confidence, {percent(sampling.tolerableRate)} tolerable rate, no
              deviation expected): {attribute}
            </Text>
            {attribute !== size && (
              <Button size="xs" variant="light" onClick={() => setSize(attribute)}>
                Use {attribute}
              </Button>
            )}
          </Group>
        )}
      </Group>
    </SectionCard>
  );
}
