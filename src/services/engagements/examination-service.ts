/**
 * The examination of an engagement: the engine's result (what `assay examine --format json` prints) computed
 * from the database, and the history of its results for the dashboard's trend line.
 *
 * The result is the hot path (1,000 controls and 50,000 samples, read many times a second), so it is cached
 * per engagement as its serialized JSON, keyed on the engagement's `revision` (which the store bumps in the
 * transaction of every change the engine reads) and the organisation's `version` (its name is in the
 * result). A request reads that key with one query on two primary keys and serves the cached text when it
 * matches, so the cache is right with any number of server processes on one database; only a changed
 * engagement is loaded and examined again. Each new result is kept as a snapshot (one per revision, skipped
 * when the result is the same as the latest snapshot's); two snapshots compared name what changed between them.
 */
import { createHash } from 'node:crypto';
import {
  CRITERION_STATUSES,
  DEFAULT_SINCE_DAYS,
  MAX_SINCE_DAYS,
  NotFoundError,
  SEVERITIES,
  ValidationError,
  comparePeriods,
  examineWithCoverage,
  pickComparison,
  rankFixes,
  withCoverage,
  type ControlConclusion,
  type CriterionStatus,
  type ExaminationResult,
  type FixRanking,
  type OpinionKind,
  type PeriodComparison,
  type Severity,
} from '../../domain/index.js';
import type { ControlsRepository } from '../../store/controls-repository.js';
import type { EngagementKeyReading, EngagementsRepository, ExaminationKey } from '../../store/engagements-repository.js';
import type { SnapshotSummary, SnapshotsRepository } from '../../store/snapshots-repository.js';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import type { Page, Paged } from '../../store/values.js';
import type { Access } from '../platform/access.js';
import type { Actor } from '../platform/actor.js';
import { LruCache } from '../platform/lru-cache.js';
import { UnderWay } from '../platform/under-way.js';
import { at } from './engagement-scope.js';

/** How many engagements' results one process keeps (a 1,000-control result is about half a megabyte). */
export const DEFAULT_CACHE_SIZE = 100;

/** One evaluated state of an engagement. */
export interface Evaluation {
  revision: number;
  organizationVersion: number;
  /** The result as JSON (UTF-8), as `assay examine --format json` writes it: kept serialized, as it is read far more often than it changes. */
  json: Buffer;
  /** The SHA-256 (hex) of `json`, as the result's snapshot keeps it: the same hash, the same result. */
  resultHash: string;
  /** Each control's conclusion, for lists of controls. */
  conclusions: ReadonlyMap<string, ControlConclusion>;
}

/** The counts a trend line plots. */
export interface EvaluationSummary {
  criteria: Record<CriterionStatus, number>;
  deficiencies: Record<Severity, number>;
}

export interface HistoryPoint extends EvaluationSummary {
  takenAt: string;
  revision: number | null;
  opinion: OpinionKind;
}

/** What changed between two kept results: the latest and one at least `sinceDays` older (or the oldest). */
export interface ExaminationChanges {
  latest: HistoryPoint;
  /** Null when no older result has been kept. */
  baseline: HistoryPoint | null;
  /** Whether the baseline is at least `sinceDays` older than the latest; else it is the oldest kept. */
  fullPeriod: boolean;
  /** Only the criteria and controls that changed (`same` left out), and the opinion; null without a baseline. */
  comparison: PeriodComparison | null;
}

/** How many snapshots one read of the history takes while looking for the baseline. */
const SNAPSHOT_PAGE = MAX_PAGE_SIZE;

export function summarize(result: Pick<ExaminationResult, 'criteria' | 'deficiencies'>): EvaluationSummary {
  const criteria = Object.fromEntries(CRITERION_STATUSES.map((s) => [s, 0])) as Record<CriterionStatus, number>;
  const deficiencies = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const criterion of result.criteria) criteria[criterion.status] += 1;
  for (const deficiency of result.deficiencies) deficiencies[deficiency.severity] += 1;
  return { criteria, deficiencies };
}

type State = Pick<ExaminationKey, 'revision' | 'organizationVersion'>;

const isCurrent = (evaluation: State, key: State) =>
  evaluation.revision === key.revision && evaluation.organizationVersion === key.organizationVersion;

/** Whether an evaluation shows the state `key` names or a later one (it holds every change the key holds). */
const isAtLeast = (evaluation: State, key: State) =>
  evaluation.revision >= key.revision && evaluation.organizationVersion >= key.organizationVersion;

/** Whether `a` is of a later state than `b` (revisions and versions only grow). */
const isNewer = (a: Evaluation, b: Evaluation) =>
  a.revision > b.revision || (a.revision === b.revision && a.organizationVersion > b.organizationVersion);

export function createExaminationService(deps: {
  engagements: Pick<EngagementsRepository, 'examinationKey'>;
  controls: Pick<ControlsRepository, 'loadKeyedExamination'>;
  snapshots: Pick<SnapshotsRepository, 'createForRevision' | 'latestSummary' | 'list' | 'findById'>;
  access: Access;
  cacheSize?: number;
}) {
  const { engagements, controls, snapshots, access } = deps;
  const cache = new LruCache<Evaluation>(deps.cacheSize ?? DEFAULT_CACHE_SIZE);
  /** What to fix first, kept per engagement with the state it was ranked at: one engine pass per deficient control. */
  const rankings = new LruCache<State & { ranking: FixRanking }>(deps.cacheSize ?? DEFAULT_CACHE_SIZE);
  /**
   * The evaluation under way per engagement: at most one at a time, whatever the number of requests and of
   * revisions they ask for (see `evaluate`).
   */
  const inFlight = new UnderWay<Evaluation>();

  async function compute(engagementId: string): Promise<Evaluation> {
    // The examination and its key come from one snapshot of the database: the key never names a later state
    // than the one examined.
    const { examination, key, evidence } = await controls.loadKeyedExamination(engagementId);
    // Period coverage: a missing occurrence of a control tracked by evidence is a deviation (docs/coverage.md).
    const result = examineWithCoverage(examination, evidence);
    const json = JSON.stringify(result);
    const hash = createHash('sha256').update(json, 'utf8').digest('hex');
    const evaluation: Evaluation = {
      revision: key.revision,
      organizationVersion: key.organizationVersion,
      json: Buffer.from(json, 'utf8'),
      resultHash: hash,
      conclusions: new Map(result.controls.map((c) => [c.id, c.conclusion])),
    };
    await keepSnapshot(engagementId, key.revision, result, hash);
    const cached = cache.get(engagementId);
    if (!cached || !isNewer(cached, evaluation)) cache.set(engagementId, evaluation);
    return evaluation;
  }

  async function keepSnapshot(engagementId: string, revision: number, result: ExaminationResult, hash: string) {
    const latest = await snapshots.latestSummary(engagementId);
    if (latest?.resultHash === hash) return;
    try {
      await snapshots.createForRevision({
        engagementId,
        revision,
        opinion: result.opinion.overall,
        result,
        summary: summarize(result),
        resultHash: hash,
      });
    } catch (error) {
      // The engagement was deleted since it was read: there is nothing left to keep a snapshot of.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  /** Starts evaluating the engagement as it is now; the evaluation is the one under way until it ends. */
  const start = (engagementId: string): Promise<Evaluation> => inFlight.start(engagementId, () => compute(engagementId));

  /**
   * The evaluation of the engagement at `key` or later (`key` was read from the database by this request).
   * Fresh enough is a result holding every change the key holds: the cached one, or one that began loading
   * after the key was read, since it then reads a state at least as new. Requests never examine side by side:
   * while an evaluation is under way they wait for it, and those it is too old for share the next one, which
   * begins after it ends, so after their keys were read. However fast writes come, an engagement is examined
   * at most once at a time, each time at its newest state.
   */
  async function evaluate(engagementId: string, key: ExaminationKey): Promise<Evaluation> {
    const cached = cache.get(engagementId);
    if (cached && isAtLeast(cached, key)) return cached;
    const running = inFlight.get(engagementId);
    if (!running) return start(engagementId);
    const evaluation = await running;
    if (isAtLeast(evaluation, key)) return evaluation;
    // The one under way began before this key was read; whichever is under way now began after it ended.
    return inFlight.get(engagementId) ?? start(engagementId);
  }

  /** A kept result as the history shows it; one kept without a summary is summarised from its result. */
  async function historyPoint(snapshot: SnapshotSummary<EvaluationSummary>, result?: ExaminationResult): Promise<HistoryPoint> {
    const summary =
      snapshot.summary ??
      summarize(result ?? (await snapshots.findById<ExaminationResult>(snapshot.id))?.result ?? { criteria: [], deficiencies: [] });
    return {
      takenAt: snapshot.takenAt,
      revision: snapshot.revision,
      opinion: snapshot.opinion as OpinionKind,
      criteria: summary.criteria,
      deficiencies: summary.deficiencies,
    };
  }

  /**
   * The two snapshots `pickComparison` takes from the whole history, reading it newest first only as far as
   * needed: once a snapshot old enough is seen, every one on later pages is older still and cannot be picked.
   */
  async function comparedSnapshots(engagementId: string, sinceDays: number) {
    const seen: SnapshotSummary<EvaluationSummary>[] = [];
    for (let offset = 0; ; offset += SNAPSHOT_PAGE) {
      const { items, total } = await snapshots.list<EvaluationSummary>(engagementId, { limit: SNAPSHOT_PAGE, offset });
      seen.push(...items);
      const picked = pickComparison(seen, sinceDays);
      if (!picked || picked.fullPeriod || items.length < SNAPSHOT_PAGE || offset + items.length >= total) return picked;
    }
  }

  async function resultOf(snapshot: SnapshotSummary): Promise<ExaminationResult> {
    const found = await snapshots.findById<ExaminationResult>(snapshot.id);
    // Snapshots are never edited; one is gone only with its engagement.
    if (!found) throw new NotFoundError(`Engagement ${snapshot.engagementId}`);
    return found.result;
  }

  /**
   * The engagement's current key (the one query of a cached answer), if it belongs to the organisation: `known`
   * when the request read it already, with its caller (a reading of another engagement is not used).
   */
  async function keyIn(organizationId: string, engagementId: string, known?: EngagementKeyReading | null): Promise<ExaminationKey> {
    const key = known?.engagementId === engagementId ? known.key : await engagements.examinationKey(engagementId);
    if (!key || key.organizationId !== organizationId) throw new NotFoundError(`Engagement ${engagementId}`);
    return key;
  }

  return {
    /**
     * The engine's result for the engagement, as JSON with its hash. `known`: the engagement's key as the request
     * read it with its caller, if it did.
     */
    async get(actor: Actor, organizationId: string, engagementId: string, known?: EngagementKeyReading | null): Promise<Evaluation> {
      await access.require(actor, organizationId, 'examination.read');
      return evaluate(engagementId, await keyIn(organizationId, engagementId, known));
    },

    /**
     * The engagement's current evaluation (NotFoundError when the engagement is not the organisation's), for
     * services that have checked the actor's access already: its revision and each control's conclusion.
     */
    async current(organizationId: string, engagementId: string, known?: EngagementKeyReading | null): Promise<Evaluation> {
      return evaluate(engagementId, await keyIn(organizationId, engagementId, known));
    },

    /**
     * What to fix first: each deficient control assumed effective (its failed samples retested clean), the
     * opinion the engine then forecasts and the criteria it restores, ranked best first (`rankFixes`).
     */
    async whatIf(actor: Actor, organizationId: string, engagementId: string): Promise<FixRanking> {
      await access.require(actor, organizationId, 'examination.read');
      const key = await keyIn(organizationId, engagementId);
      const kept = rankings.get(engagementId);
      if (kept && isCurrent(kept, key)) return kept.ranking;
      const loaded = await controls.loadKeyedExamination(engagementId);
      const ranking = rankFixes(withCoverage(loaded.examination, loaded.evidence).examination);
      rankings.set(engagementId, { revision: loaded.key.revision, organizationVersion: loaded.key.organizationVersion, ranking });
      return ranking;
    },

    /** The results kept over time, newest first; the current state is evaluated (and kept) first. */
    async history(actor: Actor, organizationId: string, engagementId: string, page: Page): Promise<Paged<HistoryPoint>> {
      await access.require(actor, organizationId, 'examination.read');
      await evaluate(engagementId, await keyIn(organizationId, engagementId));
      const { items, total } = await snapshots.list<EvaluationSummary>(engagementId, page);
      return { items: await Promise.all(items.map((snapshot) => historyPoint(snapshot))), total };
    },

    /**
     * What changed since `sinceDays` ago (a week by default): the current state is evaluated (and kept) first,
     * then the latest result is compared with the newest one at least that much older, or with the oldest when
     * none is (`pickComparison`), criterion by criterion and control by control (`comparePeriods`).
     */
    async changes(
      actor: Actor,
      organizationId: string,
      engagementId: string,
      options: { sinceDays?: number } = {},
    ): Promise<ExaminationChanges> {
      await access.require(actor, organizationId, 'examination.read');
      const sinceDays = options.sinceDays ?? DEFAULT_SINCE_DAYS;
      if (!Number.isInteger(sinceDays) || sinceDays < 1 || sinceDays > MAX_SINCE_DAYS) {
        throw new ValidationError([{ location: at('sinceDays'), message: `must be a whole number of days from 1 to ${MAX_SINCE_DAYS}` }]);
      }
      await evaluate(engagementId, await keyIn(organizationId, engagementId));
      const picked = await comparedSnapshots(engagementId, sinceDays);
      // The evaluation keeps a snapshot unless the engagement was deleted meanwhile.
      if (!picked) throw new NotFoundError(`Engagement ${engagementId}`);
      const latestResult = await resultOf(picked.latest);
      const latest = await historyPoint(picked.latest, latestResult);
      if (!picked.baseline) return { latest, baseline: null, fullPeriod: false, comparison: null };
      const baselineResult = await resultOf(picked.baseline);
      const { criteria, controls, opinion } = comparePeriods(baselineResult, latestResult);
      return {
        latest,
        baseline: await historyPoint(picked.baseline, baselineResult),
        fullPeriod: picked.fullPeriod,
        comparison: {
          criteria: criteria.filter((c) => c.change !== 'same'),
          controls: controls.filter((c) => c.change !== 'same'),
          opinion,
        },
      };
    },
  };
}

export type ExaminationService = ReturnType<typeof createExaminationService>;
export type { EngagementKeyReading };
