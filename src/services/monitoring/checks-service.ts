/**
 * An engagement's monitoring checks in the server (docs/monitoring-server.md): the checks its workspace holds,
 * the exports attached to their sources (validated against the source's format before anything is stored), runs
 * on demand and on a schedule, each kept with its counts and failing items, and the finding a run opens, updates,
 * reopens or retests (run-findings.ts).
 */
import { Cron } from 'croner';
import {
  isoDate,
  NotFoundError,
  startOfDay,
  ValidationError,
  type CheckDates,
  type CheckRunTrigger,
  type CheckResult,
  type EvidenceFormat,
  type ItemOutcome,
} from '../../domain/index.js';
import { readEvidence } from '../../evidence/index.js';
import type { CheckDefinition } from '../../monitoring/definition.js';
import { runChecks } from '../../monitoring/run.js';
import type { CheckJob, ChecksRepository, SourceAttachment, StoredCheck, StoredCheckRun } from '../../store/checks-repository.js';
import type { StoredEngagement } from '../../store/engagements-repository.js';
import type { Executor, Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import { describeActor, type Actor } from '../platform/actor.js';
import { ownsControl } from '../engagements/engagement-scope.js';
import { definitionOf, withExports, type ExportBytes } from './check-definition.js';
import { applyRunToFindings, type RunFindingsDependencies } from './run-findings.js';

/** The evidence store as monitoring uses it: exports kept as evidence with source `export`, read back by hash. */
export interface ExportStore extends ExportBytes {
  /** Stores the file at `path` as evidence of the engagement (source `export`) and gives its record's id and hash. */
  add(
    actor: Actor,
    input: { organizationId: string; engagementId: string; fileName: string; mediaType: string; path: string; controls: readonly string[] },
  ): Promise<{ id: string; sha256: string }>;
}

export interface ChecksDependencies extends RunFindingsDependencies {
  db: Executor;
  checks: ChecksRepository;
  access: Access;
  clock: () => Date;
  exports: ExportStore;
}

export interface CheckSourceView {
  name: string;
  format: EvidenceFormat;
  /** The file the check file names for it. */
  file: string;
  attached: SourceAttachment | null;
}

export interface CheckView {
  id: string;
  title: string;
  controls: string[];
  kind: CheckDefinition['kind'];
  sources: CheckSourceView[];
  latestRun: StoredCheckRun | null;
  schedule: CheckJob | null;
}

export interface RunOptions {
  /** The date the check runs as of (default: today). */
  asOf?: string;
  trigger?: CheckRunTrigger;
}

export interface UploadedExport {
  /** Where the upload was written. */
  path: string;
  fileName: string;
  mediaType: string;
}

/** The next moment a cron pattern (UTC) falls after `from`; a pattern croner cannot read is bad input at `$.schedule`. */
export function nextDue(pattern: string, from: Date): Date {
  let next: Date | null;
  try {
    next = new Cron(pattern, { paused: true, timezone: 'Etc/UTC' }).nextRun(from);
  } catch (error) {
    throw new ValidationError([{ location: '$.schedule', message: `not a cron pattern: ${(error as Error).message}` }], 'The schedule is not valid');
  }
  if (next === null) throw new ValidationError([{ location: '$.schedule', message: 'the pattern never falls again' }], 'The schedule is not valid');
  return next;
}

export function createChecksService(deps: ChecksDependencies) {
  const { db, checks, lookup, access, audit, clock, exports } = deps;

  async function requireCheck(engagementId: string, checkId: string, trx?: Executor): Promise<StoredCheck> {
    const check = await checks.find(engagementId, checkId, trx);
    if (!check) throw new NotFoundError(`Check ${checkId}`);
    return check;
  }

  /** The stored check read back as the workspace reads it (no export is opened). */
  function definition(check: StoredCheck): CheckDefinition {
    return definitionOf(check.fileName, check.definition, '/nonexistent-assay-workspace');
  }

  async function view(check: StoredCheck, latestRun: StoredCheckRun | null): Promise<CheckView> {
    const read = definition(check);
    const attached = await checks.currentSources(check.id);
    return {
      id: check.checkId,
      title: check.title,
      controls: read.controls,
      kind: read.kind,
      sources: read.sources.map((s) => ({ name: s.name, format: s.format, file: s.file, attached: attached.get(s.name) ?? null })),
      latestRun,
      schedule: await checks.job(check.id),
    };
  }

  /** An owner provides the evidence of its own controls: a check's exports when it owns a control the check tests. */
  async function ownsOneOf(actor: Actor, organizationId: string, engagementId: string, controls: readonly string[]): Promise<boolean> {
    for (const id of controls) {
      const control = await lookup.control(organizationId, engagementId, id).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (control !== null && ownsControl(actor, control)) return true;
    }
    return false;
  }

  function datesOf(engagement: StoredEngagement, asOf: string): CheckDates {
    return {
      asOf: startOfDay(asOf),
      periodStart: engagement.periodStart === null ? null : startOfDay(engagement.periodStart),
      periodEnd: startOfDay(engagement.periodEnd),
    };
  }

  /** Keeps the run, and its effect on the check's finding, in one transaction with its audit event. */
  async function keep(
    actor: Actor,
    organizationId: string,
    engagementId: string,
    check: StoredCheck,
    outcome: { asOf: string; trigger: CheckRunTrigger; result: CheckResult; items: ItemOutcome[]; controls: readonly string[] },
    sources: ReadonlyMap<string, SourceAttachment>,
  ): Promise<StoredCheckRun> {
    return db.transaction().execute(async (trx) => {
      await lookup.engagementForChange(organizationId, engagementId, trx);
      const { result } = outcome;
      const runId = await checks.newRunId();
      const findingCode = await applyRunToFindings(deps, trx, actor, organizationId, engagementId, { id: runId, asOf: outcome.asOf, result, items: outcome.items, controls: outcome.controls });
      const run = {
        asOf: outcome.asOf,
        trigger: outcome.trigger,
        status: result.status,
        population: result.population,
        failures: result.failures,
        failing: result.failing,
        error: result.error ?? null,
        sources: [...sources.values()].sort((a, b) => (a.sourceName < b.sourceName ? -1 : 1)).map((s) => ({ source: s.sourceName, evidenceId: s.evidenceId, sha256: s.sha256, fileName: s.fileName })),
        findingCode,
      };
      const stored = await checks.addRun(check.id, check.checkId, runId, run, trx);
      await audit.record(trx, actor, {
        type: 'check.ran',
        organizationId,
        subject: `check:${engagementId}/${check.checkId}`,
        after: { check: check.checkId, run: runId, trigger: run.trigger, asOf: run.asOf, status: run.status, population: run.population, failures: run.failures, finding: findingCode },
      });
      return stored;
    });
  }

  return {
    /** The engagement's checks, each with its sources, latest run and schedule. */
    async list(actor: Actor, organizationId: string, engagementId: string): Promise<CheckView[]> {
      await access.require(actor, organizationId, 'examination.read');
      await lookup.engagement(organizationId, engagementId);
      const latest = await checks.latestRuns(engagementId);
      return Promise.all((await checks.list(engagementId)).map((c) => view(c, latest.get(c.checkId) ?? null)));
    },

    async get(actor: Actor, organizationId: string, engagementId: string, checkId: string): Promise<CheckView> {
      await access.require(actor, organizationId, 'examination.read');
      await lookup.engagement(organizationId, engagementId);
      const check = await requireCheck(engagementId, checkId);
      return view(check, (await checks.runs(check.id, { limit: 1, offset: 0 })).items[0] ?? null);
    },

    /** A page of the check's runs, the latest first: its history, and its trend over time. */
    async runs(actor: Actor, organizationId: string, engagementId: string, checkId: string, page: Page): Promise<Paged<StoredCheckRun>> {
      await access.require(actor, organizationId, 'examination.read');
      await lookup.engagement(organizationId, engagementId);
      return checks.runs((await requireCheck(engagementId, checkId)).id, page);
    },

    /**
     * An export attached to one of the check's sources: read whole against the source's format first (a
     * malformed one is refused naming its row and field, and nothing is stored), then kept as evidence with
     * source `export` and attached, the earlier attachment staying on record.
     */
    async attachExport(actor: Actor, organizationId: string, engagementId: string, checkId: string, sourceName: string, upload: UploadedExport): Promise<SourceAttachment> {
      await access.require(actor, organizationId, 'examination.read');
      // An archived engagement is refused before any evidence is stored.
      await db.transaction().execute((trx) => lookup.engagementForChange(organizationId, engagementId, trx));
      const check = await requireCheck(engagementId, checkId);
      const read = definition(check);
      await access.require(actor, organizationId, 'evidence.manage', await ownsOneOf(actor, organizationId, engagementId, read.controls));
      const source = read.sources.find((s) => s.name === sourceName);
      if (!source) {
        throw new NotFoundError(`Source "${sourceName}" of check ${checkId} (its sources: ${read.sources.map((s) => s.name).join(', ')})`);
      }
      // The whole file is read here, so a check never meets a malformed export when it runs.
      for await (const row of readEvidence({ path: upload.path, file: upload.fileName }, source)) void row;
      const stored = await exports.add(actor, { organizationId, engagementId, fileName: upload.fileName, mediaType: upload.mediaType, path: upload.path, controls: read.controls });
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const attachment = await checks.attachSource(check.id, { sourceName, evidenceId: stored.id, sha256: stored.sha256, fileName: upload.fileName, attachedBy: describeActor(actor) }, trx);
        await audit.record(trx, actor, {
          type: 'check.source_attached',
          organizationId,
          subject: `check:${engagementId}/${checkId}`,
          after: { check: checkId, source: sourceName, evidenceId: stored.id, sha256: stored.sha256, fileName: upload.fileName },
        });
        return attachment;
      });
    },

    /**
     * Runs the check now over the exports attached to it, as of `asOf` (default today), and keeps the run. On
     * demand, a check that cannot run (a source without an export) is refused with nothing kept; on its schedule
     * it is kept as an `error` run, so a missed run shows.
     */
    async run(actor: Actor, organizationId: string, engagementId: string, checkId: string, options: RunOptions = {}): Promise<StoredCheckRun> {
      await access.require(actor, organizationId, 'check.run');
      const engagement = await lookup.engagement(organizationId, engagementId);
      const check = await requireCheck(engagementId, checkId);
      const asOf = options.asOf ?? isoDate(clock());
      const trigger = options.trigger ?? 'on_demand';
      const sources = await checks.currentSources(check.id);
      let controls: readonly string[] = [];
      let outcome: { result: CheckResult; items: ItemOutcome[] };
      try {
        outcome = await withExports(check, sources, exports, async (read) => {
          controls = read.controls;
          const [ran] = await runChecks([read], { dates: datesOf(engagement, asOf), keepItems: true });
          if (!ran) throw new Error(`check ${checkId} did not run`);
          return { result: ran.result, items: ran.items };
        });
      } catch (error) {
        if (!(error instanceof ValidationError) || trigger === 'on_demand') throw error;
        const message = error.issues.map((i) => `${i.location}: ${i.message}`).join('; ');
        outcome = { result: { id: check.checkId, title: check.title, controls: [], status: 'error', population: 0, failures: 0, failing: [], error: message }, items: [] };
      }
      return keep(actor, organizationId, engagementId, check, { asOf, trigger, ...outcome, controls }, sources);
    },

    /** Sets when the check runs by itself (a cron pattern, UTC), or with null stops it; the first run is the pattern's next moment. */
    async schedule(actor: Actor, organizationId: string, engagementId: string, checkId: string, pattern: string | null): Promise<CheckJob | null> {
      await access.require(actor, organizationId, 'check.schedule');
      const due = pattern === null ? null : nextDue(pattern, clock());
      return db.transaction().execute(async (trx) => {
        await lookup.engagementForChange(organizationId, engagementId, trx);
        const check = await requireCheck(engagementId, checkId, trx);
        const before = await checks.job(check.id, trx);
        await checks.setSchedule(check.id, pattern === null || due === null ? null : { pattern, nextDueAt: due }, trx);
        const after = await checks.job(check.id, trx);
        await audit.record(trx, actor, {
          type: 'check.scheduled',
          organizationId,
          subject: `check:${engagementId}/${checkId}`,
          before: { schedule: before?.schedule ?? null },
          after: { schedule: after?.schedule ?? null, nextDueAt: after?.nextDueAt ?? null },
        });
        return after;
      });
    },
  };
}

export type ChecksService = ReturnType<typeof createChecksService>;
