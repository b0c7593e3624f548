/**
 * The controls aggregate as a whole: building the domain `Examination` of an engagement in a fixed number
 * of queries (the hot path: 1,000 controls and 50,000 samples), and replacing an engagement's controls,
 * tests and samples in batched inserts (imports).
 */
import type { Control, ControlTest, Examination, Sample } from '../domain/engagement.js';
import { NotFoundError, ValidationError, type Issue } from '../domain/errors.js';
import { jsonPath, locateProblems, repeats, within, type Problem } from '../domain/problems.js';
import { sampleProblems } from '../domain/sampling/integrity.js';
import { chunksFor, controlColumns, controlRow, recordedSampleColumns, testColumns, toDomainControl, toDomainTest, toSample, toStoredControl, toStoredTest, type RecordedSampleSelect, type StoredControl, type StoredControlTest } from './controls-rows.js';
import { sameTest } from '../domain/reimport.js';
import { readDescribedExamination } from './description-repository.js';
import { readCoverageEvidence, type CoveringEvidence } from './coverage-evidence.js';
import { engineOf } from './engine.js';
import { bumpRevision, engagementColumns, toDomainEngagement, toStoredEngagement, type ExaminationKey } from './engagements-repository.js';
import type { Executor, StoreDependencies, Trx } from './values.js';

/**
 * The engagement's examination as the engine reads it: one query for the engagement, one for the
 * controls, one for the tests, one for all samples, all in one snapshot of the database. Controls come
 * in their stored order, tests in the order of their controls, samples in their stored order.
 */
export async function loadExamination(executor: Executor, engagementId: string): Promise<Examination> {
  return (await inOneSnapshot(executor, (trx) => readExamination(trx, engagementId))).examination;
}

/** An examination with what its evaluation is keyed on, read in the same snapshot as the examination. */
export interface KeyedExamination {
  examination: Examination;
  key: ExaminationKey;
  /** The evidence whose covered periods the examination's period coverage reads (docs/coverage.md). */
  evidence: CoveringEvidence[];
}

/** {@link loadExamination} with its description's misstatements, the engagement's revision, its organisation's version and its evidence of that state. */
export async function loadKeyedExamination(executor: Executor, engagementId: string): Promise<KeyedExamination> {
  return inOneSnapshot(executor, async (trx) => {
    const { examination, key } = await readExamination(trx, engagementId);
    // The evaluation's examination: the description's undisclosed significant incidents are misstatements of it
    // (docs/system-description.md). `loadExamination` stays as stored, for what carries or exports it.
    const described = await readDescribedExamination(trx, engagementId, examination);
    return { examination: described.examination, key, evidence: await readCoverageEvidence(trx, engagementId) };
  });
}

/**
 * Runs `read` in one snapshot of the database (an import may be committing meanwhile), in a read-only
 * transaction of its own unless `executor` is a transaction already.
 */
export async function inOneSnapshot<T>(executor: Executor, read: (trx: Executor) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return read(executor);
  // The reads must see one state of the database, not an import half-way between them. A SQLite
  // transaction reads one snapshot anyway; PostgreSQL needs repeatable read for that, read only (it writes
  // nothing; both are said in the one `start transaction`, no extra round trip).
  const transaction =
    engineOf(executor) === 'postgres'
      ? executor.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
      : executor.transaction();
  return transaction.execute(read);
}

async function readExamination(trx: Executor, engagementId: string): Promise<Omit<KeyedExamination, 'evidence'>> {
  const engagement = await trx
    .selectFrom('engagements')
    .innerJoin('organizations', 'organizations.id', 'engagements.organization_id')
    .select(engagementColumns.map((c) => `engagements.${c}` as const))
    .select(['organizations.name as organization_name', 'organizations.version as organization_version'])
    .where('engagements.id', '=', engagementId)
    .executeTakeFirst();
  if (!engagement) throw new NotFoundError(`Engagement ${engagementId}`);

  const { controls, tests } = await readControls(trx, engagementId, 'in use');
  const stored = toStoredEngagement(engagement);
  return {
    examination: {
      engagement: toDomainEngagement(stored, engagement.organization_name),
      controls: controls.map(toDomainControl),
      tests,
    },
    key: {
      organizationId: stored.organizationId,
      revision: stored.revision,
      organizationVersion: Number(engagement.organization_version),
    },
  };
}

/** An archived control with its test as it was when archived. */
export interface ArchivedControl {
  control: StoredControl;
  test: ControlTest | null;
}

/** The engagement's archived controls in their order, each with its test and samples (for its record). */
export async function loadArchivedControls(trx: Executor, engagementId: string): Promise<ArchivedControl[]> {
  const { controls, tests } = await readControls(trx, engagementId, 'archived');
  const testOf = new Map(tests.map((t) => [t.control, t]));
  return controls.map((row) => ({ control: toStoredControl(row), test: testOf.get(row.code) ?? null }));
}

/**
 * The controls of the engagement in use (the examination's) or archived, in their order, with their tests in
 * the same order and each test's samples in theirs: three queries whatever the size.
 */
async function readControls(trx: Executor, engagementId: string, which: 'in use' | 'archived') {
  const { controls, testRows, samplesByTest } = await readControlRows(trx, engagementId, which);
  return { controls, tests: testRows.map((row) => toDomainTest(row, row.code, (samplesByTest.get(row.id) ?? []).map(toSample))) };
}

/** The stored tests of the engagement's controls in use, in the controls' order, with who recorded each result. */
export async function loadStoredTests(trx: Executor, engagementId: string): Promise<StoredControlTest[]> {
  const { testRows, samplesByTest } = await readControlRows(trx, engagementId, 'in use');
  return testRows.map((row) => toStoredTest(row, row.code, samplesByTest.get(row.id) ?? []));
}

async function readControlRows(trx: Executor, engagementId: string, which: 'in use' | 'archived') {
  const archived = which === 'in use' ? 'is' : 'is not';
  const controls = await trx
    .selectFrom('controls')
    .select(controlColumns)
    .where('engagement_id', '=', engagementId)
    .where('archived_at', archived, null)
    .orderBy('position')
    .orderBy('code')
    .execute();

  const testRows = await trx
    .selectFrom('control_tests')
    .innerJoin('controls', 'controls.id', 'control_tests.control_id')
    .select(testColumns.map((c) => `control_tests.${c}` as const))
    .select('controls.code')
    .where('controls.engagement_id', '=', engagementId)
    .where('controls.archived_at', archived, null)
    .orderBy('controls.position')
    .orderBy('controls.code')
    .execute();

  const sampleRows = await trx
    .selectFrom('samples')
    .innerJoin('control_tests', 'control_tests.id', 'samples.test_id')
    .innerJoin('controls', 'controls.id', 'control_tests.control_id')
    .select(recordedSampleColumns.map((c) => `samples.${c}` as const))
    .where('controls.engagement_id', '=', engagementId)
    .where('controls.archived_at', archived, null)
    .orderBy('samples.test_id')
    .orderBy('samples.position')
    .execute();

  const samplesByTest = new Map<string, RecordedSampleSelect[]>();
  for (const row of sampleRows) {
    let samples = samplesByTest.get(row.test_id);
    if (!samples) samplesByTest.set(row.test_id, (samples = []));
    samples.push(row);
  }
  return { controls, testRows, samplesByTest };
}

export interface ReplaceCounts {
  controls: number;
  tests: number;
  samples: number;
}

/**
 * Replaces every control in use, with its test and samples, by those of `examination` (the engagement's
 * own settings are the engagements repository's `update`, in the same transaction). A control the examination
 * keeps keeps its row (its history), its fields and place updated where they change (then its version too); one it
 * no longer lists is deleted with its test. A test the same as the stored one (src/domain/reimport.ts) stays as it is; any other is replaced, each
 * result it keeps keeping its recorder. Which recorded results may go is the caller's rule (the workspace
 * service's). Archived controls stay as they are: they are evidence, only purged on purpose. Bad input — a control
 * id twice or taken by an archived control, a test of an unknown control, two tests of one control, samples that
 * break the domain's sample integrity — is refused as a whole with every issue found, before anything is written.
 */
export async function replaceExamination(
  trx: Trx,
  deps: StoreDependencies,
  engagementId: string,
  examination: Pick<Examination, 'controls' | 'tests'>,
  stored?: readonly StoredControlTest[],
): Promise<ReplaceCounts> {
  const engagement = await trx.selectFrom('engagements').select('id').where('id', '=', engagementId).executeTakeFirst();
  if (!engagement) throw new NotFoundError(`Engagement ${engagementId}`);
  const existing = await trx.selectFrom('controls').select(controlColumns).where('engagement_id', '=', engagementId).execute();
  const archivedCodes = new Set(existing.filter((row) => row.archived_at !== null).map((row) => row.code));
  const issues = checkExamination(examination);
  examination.controls.forEach((control, i) => {
    if (archivedCodes.has(control.id)) {
      issues.push({ location: jsonPath(['controls', i, 'id']), message: `the archived control ${control.id} of this engagement has this id: restore it, or purge it, first` });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, 'The examination cannot be stored');
  await bumpRevision(trx, { engagementId });

  const inUse = new Map(existing.filter((row) => row.archived_at === null).map((row) => [row.code, row]));
  const listed = new Set(examination.controls.map((c) => c.id));
  // Tests and samples go with their controls (on delete cascade).
  const dropped = [...inUse].filter(([code]) => !listed.has(code)).map(([, row]) => row.id);
  for (const chunk of chunksFor(dropped, 1)) await trx.deleteFrom('controls').where('id', 'in', chunk).execute();
  const controlRowIds = new Map<string, string>();
  const added: { id: string; control: Control; position: number }[] = [];
  for (const [position, control] of examination.controls.entries()) {
    const row = inUse.get(control.id);
    if (row === undefined) {
      const id = deps.newId();
      controlRowIds.set(control.id, id);
      added.push({ id, control, position });
      continue;
    }
    controlRowIds.set(control.id, row.id);
    // A control the import leaves as it was stays at its version.
    const same = row.position === position && JSON.stringify(controlRow(toDomainControl(row))) === JSON.stringify(controlRow(control));
    if (same) continue;
    await trx
      .updateTable('controls')
      .set((eb) => ({ ...controlRow(control), position, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
  }
  const newRows = added.map(({ id, control, position }) => ({ ...controlRow(control), id, engagement_id: engagementId, position }));
  for (const chunk of chunksFor(newRows, controlColumns.length)) await trx.insertInto('controls').values(chunk).execute();

  const before = new Map((stored ?? (await loadStoredTests(trx, engagementId))).map((t) => [t.control, t]));
  const written = examination.tests.filter((test) => {
    const same = before.get(test.control);
    return !same || !sameTest(same, test);
  });
  const replaced = written.flatMap((test) => before.get(test.control)?.rowId ?? []);
  const emptied = [...before.values()].filter((t) => listed.has(t.control) && !examination.tests.some((test) => test.control === t.control));
  const removed = [...replaced, ...emptied.map((t) => t.rowId)];
  for (const chunk of chunksFor(removed, 1)) await trx.deleteFrom('control_tests').where('id', 'in', chunk).execute();

  const testRows = written.map((test) => ({ id: deps.newId(), test }));
  for (const chunk of chunksFor(testRows, testColumns.length)) {
    await trx
      .insertInto('control_tests')
      .values(
        chunk.map(({ id, test }) => ({
          id,
          control_id: controlRowIds.get(test.control) as string,
          method: test.method,
          population_size: test.populationSize,
          scope_limitation: test.scopeLimitation,
        })),
      )
      .execute();
  }
  const sampleRows = testRows.flatMap(({ id, test }) => {
    const previous = before.get(test.control);
    // A result kept as it was keeps whoever recorded it: an import never launders the auditor's record.
    const recorderOf = (sample: Sample) => {
      const kept = previous?.samples.find((s) => s.item === sample.item && s.result === sample.result && s.note === sample.note);
      return kept ? (previous?.recordedBy[sample.item] ?? null) : null;
    };
    return test.samples.map((sample, position) => ({ testId: id, sample, position, recordedBy: recorderOf(sample) }));
  });
  await insertSampleRows(trx, deps, sampleRows);
  return {
    controls: examination.controls.length,
    tests: examination.tests.length,
    samples: examination.tests.reduce((n, test) => n + test.samples.length, 0),
  };
}

/** Inserts controls from `firstPosition` on; returns the row id of each control code. */
export async function insertControls(
  trx: Executor,
  deps: StoreDependencies,
  engagementId: string,
  controls: readonly Control[],
  firstPosition: number,
): Promise<Map<string, string>> {
  const rowIds = new Map<string, string>();
  const rows = controls.map((control, i) => {
    const id = deps.newId();
    rowIds.set(control.id, id);
    return {
      ...controlRow(control),
      id,
      engagement_id: engagementId,
      position: firstPosition + i,
    };
  });
  for (const chunk of chunksFor(rows, controlColumns.length)) {
    await trx.insertInto('controls').values(chunk).execute();
  }
  return rowIds;
}

/** Inserts a test's samples in their order. */
export async function insertSamples(
  trx: Executor,
  deps: StoreDependencies,
  testId: string,
  samples: readonly Sample[],
  recorder: (sample: Sample) => string | null = () => null,
): Promise<number> {
  return insertSampleRows(
    trx,
    deps,
    samples.map((sample, position) => ({ testId, sample, position, recordedBy: recorder(sample) })),
  );
}

/** id, test_id, item, result, note, position, recorded_by */
const SAMPLE_ROW_COLUMNS = 7;

async function insertSampleRows(
  trx: Executor,
  deps: StoreDependencies,
  rows: readonly { testId: string; sample: Sample; position: number; recordedBy?: string | null }[],
): Promise<number> {
  for (const chunk of chunksFor(rows, SAMPLE_ROW_COLUMNS)) {
    await trx
      .insertInto('samples')
      .values(
        chunk.map(({ testId, sample, position, recordedBy }) => ({
          id: deps.newId(),
          test_id: testId,
          item: sample.item,
          result: sample.result,
          note: sample.note,
          position,
          recorded_by: recordedBy ?? null,
        })),
      )
      .execute();
  }
  return rows.length;
}

/**
 * What the database would refuse, and what no examination may hold (samples beyond their population), found up
 * front and reported together at their JSON paths.
 */
export function checkExamination(examination: Pick<Examination, 'controls' | 'tests'>): Issue[] {
  const problems: Problem[] = [];
  const ids = examination.controls.map((control) => control.id);
  for (const { index } of repeats(ids)) problems.push({ path: ['controls', index, 'id'], message: `duplicate control id ${ids[index]}` });
  const controls = new Set(ids);
  const tested = new Set<string>();
  examination.tests.forEach((test: ControlTest, i) => {
    if (!controls.has(test.control)) {
      problems.push({ path: ['tests', i, 'control'], message: `test of an unknown control ${test.control}` });
    } else if (tested.has(test.control)) {
      problems.push({ path: ['tests', i, 'control'], message: `a second test of control ${test.control}` });
    }
    tested.add(test.control);
    problems.push(...within(['tests', i], sampleProblems(test)));
  });
  return locateProblems(problems, jsonPath);
}
