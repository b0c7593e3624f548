/**
 * Controls with their test and the test's samples: one aggregate. Methods return the domain `Control` and
 * `ControlTest` shapes plus the row's id and version. A control's conclusion is not stored (the engine
 * derives it), so it is not a filter here: the service filters evaluated controls.
 */
import { sql } from 'kysely';
import type { ArchivedFilter } from '../domain/archiving.js';
import type { Role } from '../domain/access/permissions.js';
import type { Control, Examination, Sample, SampleResult } from '../domain/engagement.js';
import { ValidationError } from '../domain/errors.js';
import { jsonPath, locateProblems } from '../domain/problems.js';
import { sampleProblems } from '../domain/sampling/integrity.js';
import { insertControls, insertSamples, loadArchivedControls, loadExamination, loadKeyedExamination, replaceExamination, type ArchivedControl, type KeyedExamination, type ReplaceCounts } from './controls-examination.js';
import { addSample, findSample, findTestOverview, updateSample, type SampleChange, type SamplePatch, type TestOverview } from './controls-samples.js';
import { controlColumns, controlValues, recordedSampleColumns, sampleColumns, testColumns, testValues, toSample, toStoredControl, toStoredTest, type ControlTestInput, type RecordedSampleRow, type StoredControl, type StoredControlTest } from './controls-rows.js';
import { bumpRevision } from './engagements-repository.js';
import { containsPattern, defaultDependencies, inList, inTransaction, pageOf, selectPage, translateConstraintErrors, staleOrMissingRow, toJson, type Executor, type Page, type Paged, type StoreDependencies, type Trx } from './values.js';

export type { ControlTestInput, RecordedSampleRow, StoredControl, StoredControlTest } from './controls-rows.js';
export type { ArchivedControl, KeyedExamination, ReplaceCounts } from './controls-examination.js';
export type { SampleChange, SamplePatch, TestOverview } from './controls-samples.js';

export interface ControlFilters {
  /** Controls that address this criterion, e.g. `CC6.1`. */
  criterion?: string;
  /** Controls of this owner; `null` for controls without one. */
  owner?: string | null;
  /** Text in the control's id or title, ignoring case. */
  search?: string;
  /** Only these control ids (e.g. those of one conclusion, which the service finds by evaluating). */
  codes?: readonly string[];
  /** Controls that compensate the control of this id. */
  compensating?: string;
  /** In use (the default), all, or only the archived. */
  archived?: ArchivedFilter;
}

export type ControlsRepository = ReturnType<typeof createControlsRepository>;

export function createControlsRepository(db: Executor, deps: StoreDependencies = defaultDependencies) {
  async function findTestBy(executor: Executor, column: 'id' | 'control_id', value: string) {
    const row = await executor
      .selectFrom('control_tests')
      .innerJoin('controls', 'controls.id', 'control_tests.control_id')
      .select(testColumns.map((c) => `control_tests.${c}` as const))
      .select('controls.code')
      .where(`control_tests.${column}`, '=', value)
      .executeTakeFirst();
    if (!row) return null;
    const samples = await executor
      .selectFrom('samples')
      .select(recordedSampleColumns)
      .where('test_id', '=', row.id)
      .orderBy('position')
      .execute();
    return toStoredTest(row, row.code, samples);
  }

  /** The domain's sample integrity, checked up front so that a repeated item is not a constraint error. */
  function refuseBrokenSamples(test: Partial<ControlTestInput> & { samples: readonly Sample[] }) {
    const issues = locateProblems(sampleProblems({ populationSize: test.populationSize ?? null, samples: test.samples }), jsonPath);
    if (issues.length > 0) throw new ValidationError(issues, 'The test cannot be stored');
  }

  return {
    /** Adds a control after the engagement's last one. */
    async create(engagementId: string, control: Control, trx?: Executor): Promise<StoredControl> {
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { engagementId });
        const last = await t
          .selectFrom('controls')
          .select((eb) => eb.fn.max('position').as('position'))
          .where('engagement_id', '=', engagementId)
          .executeTakeFirst();
        const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
        const rowIds = await translateConstraintErrors(
          () => insertControls(t, deps, engagementId, [control], position),
          `Control ${control.id} already exists in this engagement`,
          `Engagement ${engagementId}`,
        );
        const row = await t
          .selectFrom('controls')
          .select(controlColumns)
          .where('id', '=', rowIds.get(control.id) as string)
          .executeTakeFirstOrThrow();
        return toStoredControl(row);
      });
    },

    async findById(rowId: string, trx?: Executor): Promise<StoredControl | null> {
      const row = await (trx ?? db).selectFrom('controls').select(controlColumns).where('id', '=', rowId).executeTakeFirst();
      return row ? toStoredControl(row) : null;
    },

    /** A control by its id in the engagement (e.g. AC-04). */
    async findByCode(engagementId: string, code: string, trx?: Executor): Promise<StoredControl | null> {
      const row = await (trx ?? db)
        .selectFrom('controls')
        .select(controlColumns)
        .where('engagement_id', '=', engagementId)
        .where('code', '=', code)
        .executeTakeFirst();
      return row ? toStoredControl(row) : null;
    },

    /** The engagement's controls in their order, filtered. */
    async list(
      engagementId: string,
      page: Page & ControlFilters,
      trx?: Executor,
    ): Promise<Paged<StoredControl>> {
      if (page.codes !== undefined && page.codes.length === 0) return pageOf([], page);
      const archived = page.archived ?? 'exclude';
      let query = (trx ?? db)
        .selectFrom('controls')
        .where('engagement_id', '=', engagementId)
        .$if(archived !== 'include', (q) => q.where('archived_at', archived === 'only' ? 'is not' : 'is', null));
      const codes = page.codes;
      if (codes !== undefined) query = query.where((eb) => inList(trx ?? db, eb.ref('code'), codes));
      if (page.criterion !== undefined) {
        // Criteria are a JSON array of strings: match the quoted element, so CC6.1 does not find CC6.10.
        const pattern = containsPattern(JSON.stringify(page.criterion));
        query = query.where((eb) => sql<boolean>`${eb.ref('criteria')} like ${pattern} escape '\\'`);
      }
      if (page.compensating !== undefined) {
        const pattern = containsPattern(JSON.stringify(page.compensating));
        query = query.where((eb) => sql<boolean>`${eb.ref('compensates')} like ${pattern} escape '\\'`);
      }
      if (page.owner !== undefined) {
        query = page.owner === null ? query.where('owner', 'is', null) : query.where('owner', '=', page.owner);
      }
      if (page.search) {
        const pattern = containsPattern(page.search.toLowerCase());
        query = query.where((eb) =>
          eb.or([
            sql<boolean>`lower(${eb.ref('code')}) like ${pattern} escape '\\'`,
            sql<boolean>`lower(${eb.ref('title')}) like ${pattern} escape '\\'`,
          ]),
        );
      }
      return selectPage(query, page, (q) => q.select(controlColumns).orderBy('position').orderBy('code'), toStoredControl);
    },

    /** Changes a control if `expectedVersion` is still current; else ConflictError and no change. */
    async update(rowId: string, expectedVersion: number, patch: Partial<Control>, trx?: Executor): Promise<StoredControl> {
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { controlRowId: rowId });
        const row = await translateConstraintErrors(
          () =>
            t
              .updateTable('controls')
              .set((eb) => ({ ...controlValues(patch), version: eb('version', '+', 1) }))
              .where('id', '=', rowId)
              .where('version', '=', expectedVersion)
              .returning(controlColumns)
              .executeTakeFirst(),
          `Control ${patch.id ?? ''} already exists in this engagement`,
          'Control',
        );
        if (row) return toStoredControl(row);
        throw await staleOrMissingRow(t, 'controls', rowId, `Control ${rowId}`, expectedVersion);
      });
    },

    /**
     * Archives (a time) or restores (null) a control if `expectedVersion` is still current; either changes what
     * the engine reads (an archived control is out of the examination).
     */
    async setArchived(rowId: string, expectedVersion: number, archivedAt: string | null, trx?: Executor): Promise<StoredControl> {
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { controlRowId: rowId });
        const row = await t
          .updateTable('controls')
          .set((eb) => ({ archived_at: archivedAt, version: eb('version', '+', 1) }))
          .where('id', '=', rowId)
          .where('version', '=', expectedVersion)
          .returning(controlColumns)
          .executeTakeFirst();
        if (row) return toStoredControl(row);
        throw await staleOrMissingRow(t, 'controls', rowId, `Control ${rowId}`, expectedVersion);
      });
    },

    /** Deletes a control with its test and samples, if `expectedVersion` is still current: only for a purge. */
    async remove(rowId: string, expectedVersion: number, trx?: Executor): Promise<void> {
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { controlRowId: rowId });
        const result = await t
          .deleteFrom('controls')
          .where('id', '=', rowId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (result.numDeletedRows > 0n) return;
        throw await staleOrMissingRow(t, 'controls', rowId, `Control ${rowId}`, expectedVersion);
      });
    },

    /** The control's test with its samples, or null when it has not been tested. */
    findTest: (controlRowId: string, trx?: Executor): Promise<StoredControlTest | null> =>
      findTestBy(trx ?? db, 'control_id', controlRowId),

    findTestById: (testRowId: string, trx?: Executor): Promise<StoredControlTest | null> =>
      findTestBy(trx ?? db, 'id', testRowId),

    /** Records the test of a control (a control has at most one). */
    async createTest(controlRowId: string, test: ControlTestInput, trx?: Executor): Promise<StoredControlTest> {
      refuseBrokenSamples(test);
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { controlRowId });
        const id = deps.newId();
        await translateConstraintErrors(
          () =>
            t
              .insertInto('control_tests')
              .values({
                id,
                control_id: controlRowId,
                method: test.method,
                population_size: test.populationSize,
                scope_limitation: test.scopeLimitation,
                untested: toJson(test.untested ?? []),
              })
              .execute(),
          `Control ${controlRowId} already has a test`,
          `Control ${controlRowId}`,
        );
        await insertSamples(t, deps, id, test.samples, () => test.recorder ?? null);
        return (await findTestBy(t, 'id', id)) as StoredControlTest;
      });
    },

    /**
     * Changes a test if `expectedVersion` is still current; `samples`, when given, replace all the test's
     * samples. The samples are part of the test: changing them bumps the test's version.
     */
    async updateTest(
      testRowId: string,
      expectedVersion: number,
      patch: Partial<ControlTestInput>,
      trx?: Executor,
    ): Promise<StoredControlTest> {
      if (patch.samples) refuseBrokenSamples({ ...patch, samples: patch.samples });
      return inTransaction(trx ?? db, async (t: Trx) => {
        await bumpRevision(t, { testRowId });
        const updated = await t
          .updateTable('control_tests')
          .set((eb) => ({ ...testValues(patch), version: eb('version', '+', 1) }))
          .where('id', '=', testRowId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) {
          throw await staleOrMissingRow(t, 'control_tests', testRowId, `Test ${testRowId}`, expectedVersion);
        }
        if (patch.samples) {
          // A result recorded just so before keeps its recorder; one recorded anew is the recording role's.
          const before = await t.selectFrom('samples').select(recordedSampleColumns).where('test_id', '=', testRowId).execute();
          const kept = new Map(before.map((row) => [row.item, row]));
          const recorder = (sample: Sample) => {
            const same = kept.get(sample.item);
            return same && same.result === sample.result && same.note === sample.note ? same.recorded_by : (patch.recorder ?? null);
          };
          await t.deleteFrom('samples').where('test_id', '=', testRowId).execute();
          await insertSamples(t, deps, testRowId, patch.samples, recorder);
        }
        return (await findTestBy(t, 'id', testRowId)) as StoredControlTest;
      });
    },

    async removeTest(testRowId: string, expectedVersion: number, trx?: Executor): Promise<void> {
      return inTransaction(trx ?? db, async (t) => {
        await bumpRevision(t, { testRowId });
        const result = await t
          .deleteFrom('control_tests')
          .where('id', '=', testRowId)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (result.numDeletedRows > 0n) return;
        throw await staleOrMissingRow(t, 'control_tests', testRowId, `Test ${testRowId}`, expectedVersion);
      });
    },

    /** The control's test without its samples, with their count; null when it has none. */
    findTestOverview: (controlRowId: string, trx?: Executor): Promise<TestOverview | null> =>
      findTestOverview(trx ?? db, controlRowId),

    /** One sample of a test by its item, or null. */
    findSample: (testRowId: string, item: string, trx?: Executor): Promise<RecordedSampleRow | null> =>
      findSample(trx ?? db, testRowId, item),

    /**
     * Adds a sample after the test's last one (a duplicate item or a population sampled in full:
     * ConflictError). With `expectedVersion`, only if the test is still at that version.
     */
    addSample: (testRowId: string, sample: Sample, expectedVersion?: number, trx?: Executor, recordedBy: Role | null = null): Promise<SampleChange> =>
      inTransaction(trx ?? db, (t) => addSample(t, deps, testRowId, sample, expectedVersion, recordedBy)),

    /** Records a sample's result or note (an unknown item: NotFoundError); `expectedVersion` as for addSample. */
    updateSample: (
      testRowId: string,
      item: string,
      patch: SamplePatch,
      expectedVersion?: number,
      trx?: Executor,
    ): Promise<SampleChange> => inTransaction(trx ?? db, (t) => updateSample(t, testRowId, item, patch, expectedVersion)),

    /** A test's samples in their order, a page at a time, optionally only passes or only deviations. */
    async listSamples(
      testRowId: string,
      page: Page & { result?: SampleResult },
      trx?: Executor,
    ): Promise<Paged<Sample>> {
      let query = (trx ?? db).selectFrom('samples').where('test_id', '=', testRowId);
      if (page.result) query = query.where('result', '=', page.result);
      return selectPage(query, page, (q) => q.select(sampleColumns).orderBy('position'), toSample);
    },

    /** The engagement's `Examination` for the engine, in four queries whatever its size. */
    loadExamination: (engagementId: string, trx?: Executor): Promise<Examination> =>
      loadExamination(trx ?? db, engagementId),

    /** The same, with the key of its evaluation (revision and organisation version) read in the same snapshot. */
    loadKeyedExamination: (engagementId: string, trx?: Executor): Promise<KeyedExamination> =>
      loadKeyedExamination(trx ?? db, engagementId),

    /** The engagement's archived controls with their tests, in their order. */
    loadArchivedControls: (engagementId: string, trx?: Executor): Promise<ArchivedControl[]> =>
      loadArchivedControls(trx ?? db, engagementId),

    /**
     * Replaces all controls, tests and samples of the engagement (an import). Takes the caller's transaction
     * so the import, its engagement settings and its audit event commit together or not at all.
     */
    replaceExamination: (
      engagementId: string,
      examination: Pick<Examination, 'controls' | 'tests'>,
      trx: Trx,
    ): Promise<ReplaceCounts> => replaceExamination(trx, deps, engagementId, examination),
  };
}
