/** The 5×5 grids of the risks page: how many risks sit at each likelihood and impact, inherent or residual. */
import { MAX_RATING, MIN_RATING, heatMapCounts, riskLevel, type RiskLevel } from '@assay/domain/risks/index.js';
import type { RiskView } from '../../api/risks.js';

export type Axis = 'inherent' | 'residual';

/** A cell of the grid: the likelihood and impact it stands for. */
export interface Cell {
  likelihood: number;
  impact: number;
}

export interface HeatCell extends Cell {
  count: number;
  level: RiskLevel;
}

/** The ratings from highest to lowest: the grid's rows run from likely at the top to rare at the bottom. */
export const RATINGS_DOWN = Array.from({ length: MAX_RATING - MIN_RATING + 1 }, (_, i) => MAX_RATING - i);
export const RATINGS_UP = [...RATINGS_DOWN].reverse();

/** Where a risk sits on the grid of `axis`. */
export function cellOf(risk: RiskView, axis: Axis): Cell {
  const { likelihood, impact } = risk.assessment[axis];
  return { likelihood, impact };
}

/** The grid's rows, likelihood 5 first, each cell with its impact 1 to 5 and the count of risks in it. */
export function heatMap(risks: readonly RiskView[], axis: Axis): HeatCell[][] {
  const count = heatMapCounts(risks, axis);
  return RATINGS_DOWN.map((likelihood) => RATINGS_UP.map((impact) => ({ likelihood, impact, count: count(likelihood, impact), level: riskLevel(likelihood * impact) })));
}
