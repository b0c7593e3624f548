/** The order criteria and their series are shown in: the catalogue's (CC1 … CC9, A1, C1, PI1, P1 … P8). */
import { CATEGORIES, CRITERIA, type Category } from '@assay/domain/criteria/catalogue.js';

const SERIES_ORDER = new Map([...new Set(CRITERIA.map((c) => c.series))].map((series, index) => [series, index]));
const CATEGORY_ORDER = new Map(CATEGORIES.map((category, index) => [category, index]));

/** Sorts series in the catalogue's order; a series the catalogue does not know goes last, by name. */
export function compareSeries(a: string, b: string): number {
  const ia = SERIES_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = SERIES_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia - ib || a.localeCompare(b);
}

export function compareCategories(a: Category, b: Category): number {
  return (CATEGORY_ORDER.get(a) ?? 0) - (CATEGORY_ORDER.get(b) ?? 0);
}
