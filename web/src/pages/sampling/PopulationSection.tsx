/** The population: CSV pasted or read from a file (it stays in the browser), and the column holding each item's id. */
import { Alert, FileInput, Group, Select, Text, Textarea } from '@mantine/core';
import { SectionCard } from '../../components/SectionCard.js';
import type { SamplingState } from './useSampling.js';

export function PopulationSection({ state }: { state: SamplingState['population'] }) {
  const { text, setText, error, header, column, setColumn, rows } = state;
  return (
    <SectionCard title="Population" padding="md">
      <Textarea
        label="Population (CSV)"
        description="One row per item, with a header row, e.g. an export of the period's terminations"
        placeholder={'id,date\nTERM-0001,2026-01-05\nTERM-0002,2026-01-09'}
        rows={8}
        resize="vertical"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <FileInput
        label="CSV file"
        description="Or read the population from a file (it stays in your browser)"
        placeholder="Choose a file"
        accept=".csv,text/csv,text/plain"
        clearable
        w={360}
        onChange={(file) => void file?.text().then(setText)}
      />
      {error && (
        <Alert color="red" title="The CSV cannot be read">
          {error}
        </Alert>
      )}
      <Group align="flex-end">
        <Select
          label="Id column"
          description="The column holding each item's id"
          data={header.filter((h) => h !== '')}
          value={column}
          onChange={(value) => value && setColumn(value)}
          allowDeselect={false}
          disabled={header.length === 0}
          w={260}
        />
        <Text size="sm" c="dimmed" role="status">
          {rows === 0 ? 'No rows yet.' : `${rows} rows (the header row aside).`}
        </Text>
      </Group>
    </SectionCard>
  );
}
