/**
 * Samples one at a time: adding one to a test and recording its result or note. A sample is part of its
 * test, so each change bumps the test's version (and, like every change the engine reads, the engagement's
 * revision).
 */
import type { Sample, SampleResult } from '../domain/engagement.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { newSampleProblems } from '../domain/sampling/integrity.js';
import { recordedSampleColumns, toRecordedSample, type RecordedSampleRow } from './controls-rows.js';
import type { Role } from '../domain/access/permissions.js';
import { bumpRevision } from './engagements-repository.js';
import { fromJson, staleOrMissing, toCount, toJson, translateConstraintErrors, type Executor, type StoreDependencies, type Trx } from './values.js';

/** What a single sample's change needs to know of its test. */
export interface TestOverview {
  rowId: string;
  version: number;
  populationSize: number | null;
  scopeLimitation: string | null;
  sampleCount: number;
  /** Items selected but not yet tested: they hold a place in the population too. */
  untested: string[];
}

export interface SamplePatch {
  result?: SampleResult;
  note?: string | null;
  /** The role recording the change (kept as the result's recorder). */
  recordedBy?: Role | null;
}

/** The test's version after a change of one of its samples, with the sample as stored. */
export interface SampleChange {
  sample: RecordedSampleRow;
  testVersion: number;
}

/** The control's test without its samples, with their count; null when the control has no test. */
export async function findTestOverview(executor: Executor, controlRowId: string): Promise<TestOverview | null> {
  const row = await executor
    .selectFrom('control_tests')
    .select(['id', 'version', 'population_size', 'scope_limitation', 'untested'])
    .select((eb) => eb.selectFrom('samples').select(eb.fn.countAll().as('n')).whereRef('samples.test_id', '=', 'control_tests.id').as('sample_count'))
    .where('control_id', '=', controlRowId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    rowId: row.id,
    version: Number(row.version),
    populationSize: row.population_size === null ? null : Number(row.population_size),
    scopeLimitation: row.scope_limitation,
    sampleCount: toCount(row.sample_count ?? 0),
    untested: fromJson<string[]>(row.untested),
  };
}

/** The sample of `item` in the test, with who recorded it, or null. */
export async function findSample(executor: Executor, testRowId: string, item: string): Promise<RecordedSampleRow | null> {
  const row = await executor
    .selectFrom('samples')
    .select(recordedSampleColumns)
    .where('test_id', '=', testRowId)
    .where('item', '=', item)
    .executeTakeFirst();
  return row ? toRecordedSample(row) : null;
}

/**
 * Bumps the test's version, checking `expectedVersion` when given (a stale one: ConflictError, nothing
 * written). Returns the new version.
 */
async function bumpTestVersion(trx: Trx, testRowId: string, expectedVersion: number | undefined): Promise<number> {
  let query = trx
    .updateTable('control_tests')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', testRowId);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const row = await query.returning('version').executeTakeFirst();
  if (row) return Number(row.version);
  const current = await trx.selectFrom('control_tests').select('version').where('id', '=', testRowId).executeTakeFirst();
  throw staleOrMissing(`Test ${testRowId}`, expectedVersion ?? 0, current?.version);
}

/**
 * Adds a sample after the test's last one. A duplicate item, or a population sampled in full already, is a
 * ConflictError (callers check both first to explain them; this catches a concurrent addition: the count is
 * taken under the engagement's row lock, so two additions cannot both take the last place). An item selected
 * but not yet tested leaves the untested list as its result is recorded: it already held its place.
 */
export async function addSample(
  trx: Trx,
  deps: StoreDependencies,
  testRowId: string,
  sample: Sample,
  expectedVersion?: number,
  recordedBy: Role | null = null,
): Promise<SampleChange> {
  await bumpRevision(trx, { testRowId });
  const testVersion = await bumpTestVersion(trx, testRowId, expectedVersion);
  const test = await trx.selectFrom('control_tests').select(['population_size', 'untested']).where('id', '=', testRowId).executeTakeFirstOrThrow();
  const sampled = await trx
    .selectFrom('samples')
    .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('position').as('last')])
    .where('test_id', '=', testRowId)
    .executeTakeFirstOrThrow();
  const untested = fromJson<string[]>(test.untested);
  const populationSize = test.population_size === null ? null : Number(test.population_size);
  const full = newSampleProblems({ populationSize, sampleCount: toCount(sampled.count), untested }, sample.item, false);
  if (full.length > 0) throw new ConflictError(`Sample ${sample.item} cannot be added: ${full.map((p) => p.message).join('; ')}`);
  // An item selected but not yet tested becomes a sample: it leaves the untested list.
  if (untested.includes(sample.item)) {
    await trx
      .updateTable('control_tests')
      .set({ untested: toJson(untested.filter((item) => item !== sample.item)) })
      .where('id', '=', testRowId)
      .execute();
  }
  const position = sampled.last === null || sampled.last === undefined ? 0 : Number(sampled.last) + 1;
  await translateConstraintErrors(
    () =>
      trx
        .insertInto('samples')
        .values({ id: deps.newId(), test_id: testRowId, item: sample.item, result: sample.result, note: sample.note, position, recorded_by: recordedBy })
        .execute(),
    `Sample ${sample.item} is already in the test`,
    `Test ${testRowId}`,
  );
  return { sample: { ...sample, recordedBy }, testVersion };
}

/** Records a sample's result or note; an unknown item is a NotFoundError. */
export async function updateSample(
  trx: Trx,
  testRowId: string,
  item: string,
  patch: SamplePatch,
  expectedVersion?: number,
): Promise<SampleChange> {
  await bumpRevision(trx, { testRowId });
  const testVersion = await bumpTestVersion(trx, testRowId, expectedVersion);
  const values = {
    ...(patch.result !== undefined && { result: patch.result }),
    ...(patch.note !== undefined && { note: patch.note }),
    ...(patch.recordedBy !== undefined && { recorded_by: patch.recordedBy }),
  };
  const query =
    Object.keys(values).length > 0
      ? trx.updateTable('samples').set(values).where('test_id', '=', testRowId).where('item', '=', item).returning(recordedSampleColumns)
      : trx.selectFrom('samples').select(recordedSampleColumns).where('test_id', '=', testRowId).where('item', '=', item);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError(`Sample ${item}`);
  return { sample: toRecordedSample(row), testVersion };
}
