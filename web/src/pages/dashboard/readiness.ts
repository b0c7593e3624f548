/** Readiness: how many criteria have each status, per criterion series or per category (the stacked bars). */
import type { Category } from '@assay/domain/criteria/catalogue.js';
import { CRITERION_STATUSES, type CriterionResult, type CriterionStatus } from '@assay/domain/evaluation/result.js';
import { compareCategories, compareSeries } from '../criteria/order.js';

export type ReadinessGrouping = 'series' | 'category';

export type ReadinessRow = { group: string; total: number } & Record<CriterionStatus, number>;

const emptyRow = (group: string): ReadinessRow =>
  ({ group, total: 0, ...Object.fromEntries(CRITERION_STATUSES.map((status) => [status, 0])) }) as ReadinessRow;

/**
 * One row per series (CC1 … CC9, A1, C1, PI1, P1 … P8, only those present) or per category, in the
 * catalogue's order, counting the criteria of each status; `total` counts them all, not applicable included.
 */
export function readinessBy(criteria: readonly Pick<CriterionResult, 'series' | 'category' | 'status'>[], grouping: ReadinessGrouping): ReadinessRow[] {
  const rows = new Map<string, ReadinessRow>();
  for (const criterion of criteria) {
    const group = grouping === 'series' ? criterion.series : criterion.category;
    let row = rows.get(group);
    if (!row) rows.set(group, (row = emptyRow(group)));
    row[criterion.status] += 1;
    row.total += 1;
  }
  const order = grouping === 'series' ? compareSeries : (a: string, b: string) => compareCategories(a as Category, b as Category);
  return [...rows.values()].sort((a, b) => order(a.group, b.group));
}

/** The counts over all rows, for the table's last line. */
export function readinessTotal(rows: readonly ReadinessRow[]): ReadinessRow {
  const total = emptyRow('All');
  for (const row of rows) {
    for (const status of CRITERION_STATUSES) total[status] += row[status];
    total.total += row.total;
  }
  return total;
}
