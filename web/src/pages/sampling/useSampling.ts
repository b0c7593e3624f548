/**
 * The sampling page's state: the population read from the CSV, the id column, the size the rules propose and the
 * one typed, the seed, and the selection made (with whether its inputs have changed since).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { attributeSampleSize } from '@assay/domain/sampling/binomial.js';
import { requiredSampleSize } from '@assay/domain/sampling/frequency.js';
import { useControls } from '../../api/controls.js';
import { useEngagement } from '../../api/programme.js';
import { CsvError, defaultIdColumn, parseCsv, populationOf, selectFrom, type ParsedCsv, type Selection } from './population.js';

/** What a selection was made from, to tell when the inputs have changed since. */
export interface Made {
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

export function useSampling() {
  const controls = useControls();
  const engagement = useEngagement();
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

  return {
    population: { text, setText, error: parsed.error, header, column, setColumn, rows },
    size: {
      controls: controls.data ?? [],
      control,
      chooseControl: (id: string | null) => setParams(id ? { control: id } : {}, { replace: true }),
      rows,
      proposed,
      sampling,
      attribute,
      size,
      setSize: (value: number | '') => setSizeTyped({ value, against: proposed }),
    },
    seed: { seed, setSeed, select, problem },
    made,
    stale,
  };
}

export type SamplingState = ReturnType<typeof useSampling>;
