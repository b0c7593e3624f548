/**
 * The test of a control's operating effectiveness (DESIGN §4 `tests/*.yaml`) and its samples: recorded by the
 * programme's managers and by the auditor (`test.record`), read by everyone. The test is checked by the domain's
 * rules of sample integrity (src/domain/sampling/integrity.ts) before anything is written. Samples are part of
 * the test: each change of one bumps the test's version.
 *
 * The population is evidence the organisation provides, not test work: stating or changing it (its size or
 * the scope limitation) needs `evidence.manage` (the programme's managers, or the owner of the control),
 * whatever route it comes by. The auditor tests the population as it stands and cannot alter it (DESIGN §6).
 *
 * Recorded results are evidence (src/domain/test-changes.ts): recording the test again keeps them, replacing a
 * test is refused while it holds any, and a new test version keeps the old one, whole, in its audit event.
 */
import { can, checkFailureNotes, checkSampleRecord, checkTestSamples, ConflictError, describeGrant, ForbiddenError, NotFoundError, ValidationError, jsonPath, locateProblems, newSampleProblems, testProblems, type Grant, testChangeConflict, testRemovalConflict, resultChangeProblems, resultChangeRefusal, retireRefusal, shownRole, type Problem, type Role, type Sample, type TestChange } from '../../domain/index.js';
import type { ControlTestInput, ControlsRepository, SamplePatch, RecordedSampleRow, StoredControl, StoredControlTest, TestOverview } from '../../store/controls-repository.js';
import type { Executor, Trx } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import type { AuditLog } from '../platform/audit.js';
import { ownsControl, type EngagementScope } from './engagement-scope.js';

/** A sample as changed, with who recorded it and its test's version after the change. */
export interface RecordedSample extends RecordedSampleRow {
  control: string;
  testVersion: number;
}

/** The part of a test the organisation provides: the population, or why it could not be produced. */
export type TestEvidence = Pick<ControlTestInput, 'populationSize' | 'scopeLimitation'>;

function sameEvidence(a: TestEvidence, b: TestEvidence): boolean {
  return a.populationSize === b.populationSize && a.scopeLimitation === b.scopeLimitation;
}

/**
 * Refuses a change of the control's evidence to a role that may not make it: `role` may record tests, but the
 * population is the organisation's to state (`evidence.manage`; an owner only for its own controls).
 */
function requireEvidenceAccess(grant: Grant, actor: Actor, control: StoredControl, what: string): void {
  if (can(grant, 'evidence.manage', ownsControl(actor, control))) return;
  if (can(grant, 'evidence.manage', true)) {
    throw new ForbiddenError(`Control ${control.id} is not yours: ${describeGrant(grant)} may do this (${what}) only for the controls it owns`);
  }
  throw new ForbiddenError(
    `The population of control ${control.id} (its size, or a scope limitation saying it could not be produced) is ` +
      `evidence the organisation provides: ${describeGrant(grant)} tests it as it stands and cannot change it (${what} needs evidence.manage)`,
  );
}

/**
 * Refuses retiring the auditor's recorded results (a new test version over them) to a grant that may not change
 * them (src/domain/independence.ts).
 */
export function requireLeaveToRetire(grant: Grant, test: StoredControlTest): void {
  const refusal = retireRefusal(grant, test);
  if (refusal) throw new ForbiddenError(`Control ${test.control}: ${refusal}`);
}

/**
 * Problems with changing one recorded sample: its own (a fail's note, a changed result's reason) and, for the
 * auditor's record, the reason anyone but the auditor gives; one problem at `reason` is enough.
 */
function sampleChangeProblems(grant: Grant, before: RecordedSampleRow, after: Sample, reason: string | null): Problem[] {
  const own = checkSampleRecord(before, after, reason);
  const changed = before.result !== after.result || before.note !== after.note;
  const independence = changed ? resultChangeProblems(before.recordedBy, grant, `the result of ${before.item}`, reason) : [];
  return [...own, ...independence.filter((p) => !own.some((o) => o.path[0] === p.path[0]))];
}

export function createControlTestsService(deps: {
  db: Executor;
  controls: Pick<
    ControlsRepository,
    'findTest' | 'createTest' | 'updateTest' | 'removeTest' | 'findTestOverview' | 'findSample' | 'addSample' | 'updateSample'
  >;
  lookup: EngagementScope;
  access: Access;
  audit: AuditLog;
}) {
  const { db, controls, lookup, access, audit } = deps;

  const testOf = async (control: StoredControl, trx: Executor): Promise<StoredControlTest> => {
    const test = await controls.findTest(control.rowId, trx);
    if (!test) throw new NotFoundError(`The test of control ${control.id}`);
    return test;
  };

  /**
   * Runs a change of one sample in one transaction, on the control (refused when archived) and an overview of its
   * test (none: NotFoundError).
   */
  const changeSample = <T>(
    scope: { organizationId: string; engagementId: string; controlId: string },
    change: (trx: Trx, control: StoredControl, test: TestOverview) => Promise<T>,
  ): Promise<T> =>
    db.transaction().execute(async (trx) => {
      const control = await lookup.controlForChange(scope.organizationId, scope.engagementId, scope.controlId, trx);
      const test = await controls.findTestOverview(control.rowId, trx);
      if (!test) throw new NotFoundError(`The test of control ${control.id} (record the test first)`);
      return change(trx, control, test);
    });

  return {
    async get(actor: Actor, organizationId: string, engagementId: string, controlId: string): Promise<StoredControlTest> {
      await access.require(actor, organizationId, 'control.read');
      const control = await lookup.control(organizationId, engagementId, controlId);
      return testOf(control, db);
    },

    /**
     * Records the control's test over the one it has: then `expectedVersion` must be that test's version
     * (missing or stale: ConflictError, nothing changed) and `change` says how (see TestChange: by default every
     * recorded result and untested item is kept; a change that would lose evidence it does not allow is a
     * ConflictError saying what would be lost). `created` says whether there was none. A new test states the
     * population and a replacement may change it: then the actor also needs `evidence.manage`.
     */
    async put(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      input: ControlTestInput,
      expectedVersion?: number,
      how: { change?: TestChange; reason?: string | null } = {},
    ): Promise<{ test: StoredControlTest; created: boolean }> {
      const grant = await access.require(actor, organizationId, 'test.record');
      const recorder: Role = shownRole(grant);
      const change = how.change ?? 'keep';
      const reason = how.reason?.trim() || null;
      const untested = input.untested ?? [];
      const problems = [...testProblems({ ...input, untested }), ...checkTestSamples({ samples: input.samples, untested, change, reason })];
      const issues = locateProblems(problems, jsonPath);
      if (issues.length > 0) throw new ValidationError(issues, 'The test cannot be recorded');
      return db.transaction().execute(async (trx) => {
        const control = await lookup.controlForChange(organizationId, engagementId, controlId, trx);
        const before = await controls.findTest(control.rowId, trx);
        if (!before) requireEvidenceAccess(grant, actor, control, 'stating the population of a new test');
        else if (!sameEvidence(before, input)) requireEvidenceAccess(grant, actor, control, 'changing the population');
        if (before && expectedVersion === undefined) {
          throw new ConflictError(`Control ${controlId} already has a test (version ${before.version}): send its version to replace it`);
        }
        if (!before && expectedVersion !== undefined) {
          throw new ConflictError(`Control ${controlId} has no test any more (you had version ${expectedVersion}); reload and try again`);
        }
        // A stale version is the first thing to say: what would be lost is then judged on a test the person has not seen.
        if (before?.version === expectedVersion || !before) {
          const failures = locateProblems(checkFailureNotes(input.samples, before?.samples), jsonPath);
          if (failures.length > 0) throw new ValidationError(failures, 'The test cannot be recorded');
        }
        if (before && before.version === expectedVersion) {
          if (change === 'new-version') requireLeaveToRetire(grant, before);
          const conflict = testChangeConflict(before, { samples: input.samples, untested }, change);
          if (conflict) throw new ConflictError(`Control ${controlId}: ${conflict}`);
        }
        const written = { ...input, untested, recorder };
        const after = before
          ? await controls.updateTest(before.rowId, expectedVersion as number, written, trx)
          : await controls.createTest(control.rowId, written, trx);
        const subject = `test:${after.rowId}`;
        if (before && change === 'new-version') {
          // The superseded test, whole, with its results and notes: the control's history keeps it.
          await audit.record(trx, actor, { type: 'test.superseded', organizationId, subject, before, after: { ...after, reason } });
        } else await audit.record(trx, actor, { type: 'test.recorded', organizationId, subject, before, after });
        return { test: after, created: before === null };
      });
    },

    /**
     * Deletes a test that holds no recorded result yet (its population and selection go with it, so this too needs
     * `evidence.manage`). A test with results is evidence: ConflictError saying so, nothing deleted; a new test
     * version retires it instead, with a reason, keeping it in the history.
     */
    async remove(actor: Actor, organizationId: string, engagementId: string, controlId: string, expectedVersion: number) {
      const grant = await access.require(actor, organizationId, 'test.record');
      await db.transaction().execute(async (trx) => {
        const control = await lookup.controlForChange(organizationId, engagementId, controlId, trx);
        requireEvidenceAccess(grant, actor, control, 'deleting the test with its population');
        const before = await testOf(control, trx);
        // A stale version is said first: the refusal would be judged on a test the person has not seen.
        const conflict = before.version === expectedVersion ? testRemovalConflict(before) : null;
        if (conflict) throw new ConflictError(`Control ${controlId}: ${conflict}`);
        await controls.removeTest(before.rowId, expectedVersion, trx);
        await audit.record(trx, actor, { type: 'test.removed', organizationId, subject: `test:${before.rowId}`, before });
      });
    },

    /**
     * States the test's population (its size, or a scope limitation saying why it could not be produced) at
     * `expectedVersion`, keeping its method and samples: the organisation's part of the test, open to the
     * programme's managers and to the control's owner (`evidence.manage`), never to the auditor.
     */
    async setPopulation(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      evidence: TestEvidence,
      expectedVersion: number,
    ): Promise<StoredControlTest> {
      return db.transaction().execute(async (trx) => {
        const control = await lookup.controlForChange(organizationId, engagementId, controlId, trx);
        await access.require(actor, organizationId, 'evidence.manage', ownsControl(actor, control));
        const before = await controls.findTest(control.rowId, trx);
        if (!before) throw new NotFoundError(`The test of control ${control.id} (record the test first)`);
        if (before.version === expectedVersion) {
          const issues = locateProblems(testProblems({ ...before, ...evidence }), jsonPath);
          if (issues.length > 0) throw new ValidationError(issues, 'The population cannot be recorded');
        }
        const after = await controls.updateTest(before.rowId, expectedVersion, evidence, trx);
        const summary = (test: StoredControlTest) => ({
          control: control.id,
          populationSize: test.populationSize,
          scopeLimitation: test.scopeLimitation,
          version: test.version,
        });
        await audit.record(trx, actor, {
          type: 'population.recorded',
          organizationId,
          subject: `test:${after.rowId}`,
          before: summary(before),
          after: summary(after),
        });
        return after;
      });
    },

    /**
     * Adds a sample to the test, or records the result of an item selected but not yet tested; with
     * `expectedVersion`, only if the test is still at that version.
     */
    async addSample(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      sample: Sample,
      expectedVersion?: number,
    ): Promise<RecordedSample> {
      const grant = await access.require(actor, organizationId, 'test.record');
      const refused = locateProblems(checkSampleRecord(null, sample, null), jsonPath);
      if (refused.length > 0) throw new ValidationError(refused, 'The sample cannot be added');
      return changeSample({ organizationId, engagementId, controlId }, async (trx, control, test) => {
        if (expectedVersion === undefined || expectedVersion === test.version) {
          const sampled = (await controls.findSample(test.rowId, sample.item, trx)) !== null;
          const issues = locateProblems(newSampleProblems(test, sample.item, sampled), jsonPath);
          if (issues.length > 0) throw new ValidationError(issues, 'The sample cannot be added');
        }
        const change = await controls.addSample(test.rowId, sample, expectedVersion, trx, shownRole(grant));
        const recorded = { control: control.id, ...change.sample, testVersion: change.testVersion };
        await audit.record(trx, actor, { type: 'sample.added', organizationId, subject: `test:${test.rowId}`, after: recorded });
        return recorded;
      });
    },

    /**
     * Records a sample's result or note; `expectedVersion` as for addSample. A fail keeps a note saying what
     * deviated, and a changed result takes a `reason`, which the audit event keeps with the result before and after.
     */
    async updateSample(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      controlId: string,
      item: string,
      patch: SamplePatch,
      expectedVersion?: number,
      reason: string | null = null,
    ): Promise<RecordedSample> {
      const grant = await access.require(actor, organizationId, 'test.record');
      return changeSample({ organizationId, engagementId, controlId }, async (trx, control, test) => {
        const before = await controls.findSample(test.rowId, item, trx);
        if (!before) throw new NotFoundError(`Sample ${item} of control ${controlId}`);
        const after = { ...before, ...patch };
        const changed = after.result !== before.result || after.note !== before.note;
        if (expectedVersion === undefined || expectedVersion === test.version) {
          if (changed) {
            const refusal = resultChangeRefusal(before.recordedBy, grant, `the result of ${item}`);
            if (refusal) throw new ForbiddenError(`Control ${controlId}: ${refusal}`);
          }
          const issues = locateProblems(sampleChangeProblems(grant, before, after, reason), jsonPath);
          if (issues.length > 0) throw new ValidationError(issues, `The result of ${item} cannot be recorded`);
        }
        // The result's recorder is whoever last changed it; an unchanged sample keeps its own.
        const written = changed ? { ...patch, recordedBy: shownRole(grant) } : patch;
        const change = await controls.updateSample(test.rowId, item, written, expectedVersion, trx);
        const recorded = { control: control.id, ...change.sample, testVersion: change.testVersion };
        await audit.record(trx, actor, {
          type: 'sample.recorded',
          organizationId,
          subject: `test:${test.rowId}`,
          before: { control: control.id, ...before },
          after: { ...recorded, reason: reason?.trim() || null },
        });
        return recorded;
      });
    },
  };
}

export type ControlTestsService = ReturnType<typeof createControlTestsService>;
