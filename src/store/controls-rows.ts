/**
 * Row shapes of the controls aggregate (controls, their tests, the tests' samples) and their mapping to the
 * domain's `Control`, `ControlTest` and `Sample`.
 */
import type { Selectable } from 'kysely';
import type { Control, ControlTest, DesignAssessment, Frequency, Nature, Sample, SampleResult, TestMethod } from '../domain/engagement.js';
import type { Role } from '../domain/access/permissions.js';
import type { ControlsTable, ControlTestsTable, SamplesTable } from './schema.js';
import { fromBooleanInt, fromJson, toBooleanInt, toJson } from './values.js';

/** A control as stored: the domain control (its `id` is the code, e.g. AC-04) with the row's identity. */
export interface StoredControl extends Control {
  rowId: string;
  engagementId: string;
  version: number;
  /** Since when the control is archived (read-only, out of the examination); null while in use. */
  archivedAt: string | null;
}

/** The test of a control as stored, with its samples in order. */
export interface StoredControlTest extends ControlTest {
  rowId: string;
  controlRowId: string;
  version: number;
  /** Items selected for the test whose result is not recorded yet, in order: not samples, never counted as tested. */
  untested: string[];
  /** The role that recorded each sample's result, by item, where it is known (not for a result imported from a workspace). */
  recordedBy: Record<string, Role>;
}

/** A sample as stored, with the role of whoever recorded its result (null when imported or not known). */
export interface RecordedSampleRow extends Sample {
  recordedBy: Role | null;
}

/**
 * A test as written: the domain test less the control code, which the control row already gives, and the items
 * selected but not yet tested (none when left out). `recorder` is the role recording it: the results it records
 * anew are kept as that role's (those already recorded just so keep their recorder).
 */
export type ControlTestInput = Omit<ControlTest, 'control'> & { untested?: string[]; recorder?: Role | null };

export const controlColumns = [
  'id',
  'engagement_id',
  'code',
  'title',
  'criteria',
  'frequency',
  'nature',
  'is_key',
  'design',
  'compensates',
  'owner',
  'position',
  'version',
  'archived_at',
] as const;

export const testColumns = ['id', 'control_id', 'method', 'population_size', 'scope_limitation', 'untested', 'version'] as const;

export const sampleColumns = ['test_id', 'item', 'result', 'note'] as const;
export const recordedSampleColumns = [...sampleColumns, 'recorded_by'] as const;

export type ControlRow = Pick<Selectable<ControlsTable>, (typeof controlColumns)[number]>;
export type TestRow = Pick<Selectable<ControlTestsTable>, (typeof testColumns)[number]>;
export type SampleRow = Pick<Selectable<SamplesTable>, (typeof sampleColumns)[number]>;
export type RecordedSampleSelect = Pick<Selectable<SamplesTable>, (typeof recordedSampleColumns)[number]>;

export function toDomainControl(row: ControlRow): Control {
  return {
    id: row.code,
    title: row.title,
    criteria: fromJson<string[]>(row.criteria),
    frequency: row.frequency as Frequency,
    nature: row.nature as Nature,
    key: fromBooleanInt(row.is_key),
    design: row.design as DesignAssessment,
    compensates: fromJson<string[]>(row.compensates),
    owner: row.owner,
  };
}

export function toStoredControl(row: ControlRow): StoredControl {
  return { ...toDomainControl(row), rowId: row.id, engagementId: row.engagement_id, version: row.version, archivedAt: row.archived_at };
}

export function toSample(row: SampleRow): Sample {
  return { item: row.item, result: row.result as SampleResult, note: row.note };
}

export function toRecordedSample(row: RecordedSampleSelect): RecordedSampleRow {
  return { ...toSample(row), recordedBy: row.recorded_by as Role | null };
}

/** Who recorded each sample's result, by item, for the samples where it is known. */
export function recordersOf(rows: readonly RecordedSampleSelect[]): Record<string, Role> {
  return Object.fromEntries(rows.filter((row) => row.recorded_by !== null).map((row) => [row.item, row.recorded_by as Role]));
}

export function toDomainTest(row: TestRow, controlCode: string, samples: Sample[]): ControlTest {
  return {
    control: controlCode,
    method: row.method as TestMethod,
    // An integer column comes back as a number on both engines; Number() guards a driver set to strings.
    populationSize: row.population_size === null ? null : Number(row.population_size),
    samples,
    scopeLimitation: row.scope_limitation,
  };
}

export function toStoredTest(row: TestRow, controlCode: string, samples: readonly RecordedSampleSelect[]): StoredControlTest {
  return {
    ...toDomainTest(row, controlCode, samples.map(toSample)),
    rowId: row.id,
    controlRowId: row.control_id,
    version: row.version,
    untested: fromJson<string[]>(row.untested),
    recordedBy: recordersOf(samples),
  };
}

/** A control's stored columns, less the row's identity and place. */
export function controlRow(control: Control) {
  return {
    code: control.id,
    title: control.title,
    criteria: toJson(control.criteria),
    frequency: control.frequency,
    nature: control.nature,
    is_key: toBooleanInt(control.key),
    design: control.design,
    compensates: toJson(control.compensates),
    owner: control.owner,
  };
}

/** The stored columns of the fields a patch changes. */
export function controlValues(control: Partial<Control>) {
  return {
    ...(control.id !== undefined && { code: control.id }),
    ...(control.title !== undefined && { title: control.title }),
    ...(control.criteria !== undefined && { criteria: toJson(control.criteria) }),
    ...(control.frequency !== undefined && { frequency: control.frequency }),
    ...(control.nature !== undefined && { nature: control.nature }),
    ...(control.key !== undefined && { is_key: toBooleanInt(control.key) }),
    ...(control.design !== undefined && { design: control.design }),
    ...(control.compensates !== undefined && { compensates: toJson(control.compensates) }),
    ...(control.owner !== undefined && { owner: control.owner }),
  };
}

export function testValues(test: Partial<ControlTestInput>) {
  return {
    ...(test.method !== undefined && { method: test.method }),
    ...(test.populationSize !== undefined && { population_size: test.populationSize }),
    ...(test.scopeLimitation !== undefined && { scope_limitation: test.scopeLimitation }),
    ...(test.untested !== undefined && { untested: toJson(test.untested) }),
  };
}

/**
 * Both engines cap the bound parameters of one statement (SQLite as built by better-sqlite3: 32,766;
 * PostgreSQL: 65,535): batched inserts are cut into chunks that stay under the lower one.
 */
export const MAX_PARAMETERS_PER_STATEMENT = 30_000;

export function chunksFor<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
