/**
 * The forecast over time: the trend line's points, and the counts behind "what changed since last week" (the
 * server picks the two results and names the criteria and controls; these are the differences in the counts
 * per status and severity the two results keep).
 */
import { DAY_MS } from '@assay/domain/evaluation/history.js';
import { OPINION_KINDS, SEVERITIES, type OpinionKind, type Severity } from '@assay/domain/evaluation/result.js';
import type { HistoryPoint } from '../../api/dashboard.js';

/** Opinions as a scale for the trend line: 0 unmodified … 3 disclaimer (more severe is higher). */
export function opinionRank(opinion: OpinionKind): number {
  return OPINION_KINDS.indexOf(opinion);
}

const time = (point: HistoryPoint) => Date.parse(point.takenAt);
const newestFirst = (points: readonly HistoryPoint[]) => [...points].sort((a, b) => time(b) - time(a));

export interface TrendPoint {
  takenAt: string;
  opinion: number;
  opinionName: OpinionKind;
  notMet: number;
  unableToConclude: number;
  materialWeaknesses: number;
}

/** Above this many snapshots the trend keeps the last of each day, so a busy week stays readable. */
export const TREND_MAX_POINTS = 90;

/** The trend line's points, oldest first. */
export function trendPoints(points: readonly HistoryPoint[]): TrendPoint[] {
  let kept = newestFirst(points).reverse();
  if (kept.length > TREND_MAX_POINTS) {
    const lastOfDay = new Map<string, HistoryPoint>();
    for (const point of kept) lastOfDay.set(point.takenAt.slice(0, 10), point);
    kept = [...lastOfDay.values()];
  }
  return kept.map((point) => ({
    takenAt: point.takenAt,
    opinion: opinionRank(point.opinion),
    opinionName: point.opinion,
    notMet: point.criteria.not_met,
    unableToConclude: point.criteria.unable_to_conclude,
    materialWeaknesses: point.deficiencies.material_weakness,
  }));
}

export interface CountChange<K extends string> {
  key: K;
  from: number;
  to: number;
  delta: number;
}

export interface SnapshotChanges {
  latest: HistoryPoint;
  baseline: HistoryPoint;
  /** Whether the baseline is a full week (or more) older; else it is the oldest snapshot there is. */
  fullPeriod: boolean;
  /** Whole days between the two snapshots. */
  days: number;
  opinion: { from: OpinionKind; to: OpinionKind; change: 'better' | 'worse' | 'same' };
  /** More criteria not met than before (0 when fewer or as many). */
  newlyNotMet: number;
  /** More criteria met, with or without exceptions, than before (0 when fewer or as many). */
  newlyMet: number;
  /** The severities whose count changed, most severe first. */
  deficiencies: CountChange<Severity>[];
  /** Deficiencies added and removed, counted per severity (a deficiency that changed severity counts in both). */
  deficienciesAdded: number;
  deficienciesRemoved: number;
}

function changes<K extends string>(keys: readonly K[], from: Record<K, number>, to: Record<K, number>): CountChange<K>[] {
  return keys
    .map((key) => ({ key, from: from[key] ?? 0, to: to[key] ?? 0, delta: (to[key] ?? 0) - (from[key] ?? 0) }))
    .filter((change) => change.delta !== 0);
}

/** What differs between an older snapshot and a later one. */
export function compareSnapshots(baseline: HistoryPoint, latest: HistoryPoint, fullPeriod = true): SnapshotChanges {
  const from = opinionRank(baseline.opinion);
  const to = opinionRank(latest.opinion);
  const met = (point: HistoryPoint) => point.criteria.met + point.criteria.met_with_exceptions;
  const deficiencies = changes([...SEVERITIES].reverse(), baseline.deficiencies, latest.deficiencies);
  return {
    latest,
    baseline,
    fullPeriod,
    days: Math.floor((time(latest) - time(baseline)) / DAY_MS),
    opinion: { from: baseline.opinion, to: latest.opinion, change: to < from ? 'better' : to > from ? 'worse' : 'same' },
    newlyNotMet: Math.max(0, latest.criteria.not_met - baseline.criteria.not_met),
    newlyMet: Math.max(0, met(latest) - met(baseline)),
    deficiencies,
    deficienciesAdded: deficiencies.reduce((sum, change) => sum + Math.max(0, change.delta), 0),
    deficienciesRemoved: deficiencies.reduce((sum, change) => sum + Math.max(0, -change.delta), 0),
  };
}
