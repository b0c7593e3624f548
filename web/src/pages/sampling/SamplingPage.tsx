/**
 * Sampling in the browser (DESIGN §5): a population pasted or uploaded as CSV, the size the rules ask for, a
 * seed, and the selection by the published rule (rank = hex SHA-256 of `<seed>:<id>`, ascending, first n),
 * which anyone can recompute. Whoever records tests records the selection as the control's test.
 */
import { Alert, Button, Card, Code, FileInput, Group, List, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { attributeSampleSize } from '@assay/domain/sampling/binomial.js';
import { requiredSampleSize } from '@assay/domain/sampling/frequency.js';
import { useControls } from '../../api/controls.js';
import { useEngagement, useScope } from '../../api/programme.js';
import { useCan } from '../../components/useRole.js';
import { percent } from '../controls/Facts.js';
import { CsvError, defaultIdColumn, parseCsv, populationOf, randomSeed, selectFrom, type ParsedCsv, type Selection } from './population.js';
import { RecordSelection } from './RecordSelection.js';
import { SelectionResult } from './SelectionResult.js';
import { engagementRoot } from '../../paths.js';
import { frequencyLabel } from '../../labels.js';

/** What a selection was made from, to tell when the inputs have changed since. */
interface Made {
  selection: Selection;
  text: string;
  column: string;
  seed: string;
  size: number;
  rows: number;
}

function read(text: string): { csv: ParsedCsv; error: null } | { csv: null; error: string } {
  try {
    return { csv: parseCsv(text), error: null };
  } catch (error) {
    if (error instanceof CsvError) return { csv: null, error: error.message };
    throw error;
  }
}

export function SamplingPage() {
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const controls = useControls();
  const engagement = useEngagement();
  const canRecord = useCan('test.record');
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const [chosenColumn, setColumn] = useState<string | null>(null);
  const [seed, setSeed] = useState('');
  const [sizeTyped, setSizeTyped] = useState<{ value: number | ''; against: number | null } | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => read(deferred), [deferred]);
  const header = parsed.csv?.header ?? [];
  const column = chosenColumn !== null && header.includes(chosenColumn) ? chosenColumn : defaultIdColumn(header);
  const population = useMemo(() => (parsed.csv && column ? populationOf(parsed.csv, column) : null), [parsed, column]);
  const rows = parsed.csv?.records.length ?? 0;

  const control = controls.data?.find((c) => c.id === params.get('control'));
  const proposed = rows > 0 ? requiredSampleSize(control?.frequency ?? 'event', rows) : null;
  const sampling = engagement.data?.sampling;
  const attribute = sampling && rows > 0 ? Math.min(rows, attributeSampleSize(sampling.tolerableRate, sampling.confidence, 0)) : null;
  const size = sizeTyped && sizeTyped.against === proposed ? sizeTyped.value : (proposed ?? '');

  const select = () => {
    setProblem(null);
    if (!population || !column) return setProblem('Paste or upload the population first, with a header row naming its columns.');
    if (seed.trim() === '') return setProblem('Type a seed, or generate one.');
    if (size === '' || !Number.isInteger(size) || size < 0) return setProblem('Give the sample size: a whole number, 0 or more.');
    setMade({ selection: selectFrom(population, size, seed), text, column, seed, size, rows });
  };
  const stale = made !== null && (made.text !== text || made.column !== column || made.seed !== seed || made.size !== size);

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

      <Card withBorder component="section" aria-labelledby="sampling-population">
        <Stack gap="sm">
          <Title order={2} size="h4" id="sampling-population">
            Population
          </Title>
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
          {parsed.error && (
            <Alert color="red" title="The CSV cannot be read">
              {parsed.error}
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
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="sampling-size">
        <Stack gap="sm">
          <Title order={2} size="h4" id="sampling-size">
            Control and sample size
          </Title>
          <Select
            label="Control"
            description="Its frequency sets the size the rules ask for"
            placeholder="Pick a control"
            searchable
            clearable
            data={(controls.data ?? []).map((c) => ({ value: c.id, label: `${c.id} · ${c.title}` }))}
            value={control?.id ?? null}
            onChange={(id) => setParams(id ? { control: id } : {}, { replace: true })}
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
              onChange={(value) => setSizeTyped({ value: typeof value === 'number' ? value : '', against: proposed })}
              w={160}
            />
            {attribute !== null && sampling && (
              <Group gap="xs" align="center">
                <Text size="sm" c="dimmed">
                  Attribute sampling instead ({percent(sampling.confidence)} confidence, {percent(sampling.tolerableRate)} tolerable rate, no
                  deviation expected): {attribute}
                </Text>
                {attribute !== size && (
                  <Button size="xs" variant="light" onClick={() => setSizeTyped({ value: attribute, against: proposed })}>
                    Use {attribute}
                  </Button>
                )}
              </Group>
            )}
          </Group>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="sampling-seed">
        <Stack gap="sm">
          <Title order={2} size="h4" id="sampling-seed">
            Seed
          </Title>
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
        </Stack>
      </Card>

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
              control={control}
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
