/** The chart both the report draft and the readiness assessment show: the share of in-scope criteria met per series. */
import { readinessBySeries, type CriterionResult } from '../../domain/index.js';
import type { Block, Tone } from '../document/model.js';

export function seriesChart(title: string, criteria: readonly Pick<CriterionResult, 'series' | 'status'>[]): Block {
  const notMet = new Set(criteria.filter((c) => c.status === 'not_met').map((c) => c.series));
  const tone = (series: string, share: number): Tone => (share === 1 ? 'good' : notMet.has(series) ? 'bad' : 'warning');
  return {
    kind: 'chart',
    chart: {
      type: 'bar',
      title,
      unit: '%',
      max: 100,
      bars: readinessBySeries(criteria).map((s) => ({ label: s.series, value: Math.round(s.share * 100), tone: tone(s.series, s.share) })),
    },
  };
}
