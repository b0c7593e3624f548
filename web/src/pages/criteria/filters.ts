/**
 * The criteria matrix's filters, kept in the address (`…/criteria?status=not_met&series=CC6,CC7`) so that a
 * filtered view can be linked to, bookmarked and reloaded. Several values of one filter are written comma
 * separated; repeated parameters are read too.
 */
import { CATEGORIES, type Category } from '@assay/domain/criteria/catalogue.js';
import { CRITERION_STATUSES, type CriterionResult, type CriterionStatus } from '@assay/domain/evaluation/result.js';
import { criteriaPage } from '../../paths.js';

export interface CriteriaFilters {
  statuses: CriterionStatus[];
  categories: Category[];
  series: string[];
  /** The start of the criterion's ID (`CC6`, `C1.1`), text in its title, or the ID of a control addressing it. */
  query: string;
}

export const NO_FILTERS: CriteriaFilters = { statuses: [], categories: [], series: [], query: '' };

const isStatus = (value: string): value is CriterionStatus => (CRITERION_STATUSES as readonly string[]).includes(value);
const isCategory = (value: string): value is Category => (CATEGORIES as readonly string[]).includes(value);

function listOf(params: URLSearchParams, name: string): string[] {
  const values = params.getAll(name).flatMap((value) => value.split(','));
  return [...new Set(values.map((value) => value.trim()).filter(Boolean))];
}

/** The filters an address asks for; unknown statuses and categories are ignored rather than matching nothing. */
export function readFilters(params: URLSearchParams): CriteriaFilters {
  return {
    statuses: listOf(params, 'status').filter(isStatus),
    categories: listOf(params, 'category').filter(isCategory),
    series: listOf(params, 'series'),
    // Kept as typed (a search box writes it on every key, spaces included); matching trims it.
    query: params.get('q') ?? '',
  };
}

/** The search parameters for the filters, leaving out those not set. */
export function filtersToParams(filters: Partial<CriteriaFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.statuses?.length) params.set('status', filters.statuses.join(','));
  if (filters.categories?.length) params.set('category', filters.categories.join(','));
  if (filters.series?.length) params.set('series', filters.series.join(','));
  if (filters.query?.trim()) params.set('q', filters.query);
  return params;
}

/** The address of the criteria matrix under an engagement's root (`/o/…/e/…`), filtered. */
export function criteriaHref(root: string, filters: Partial<CriteriaFilters> = {}): string {
  return criteriaPage(root, filtersToParams(filters).toString());
}

export function isFiltered(filters: CriteriaFilters): boolean {
  return filters.statuses.length + filters.categories.length + filters.series.length > 0 || filters.query.trim() !== '';
}

/** The criteria every filter admits (an empty filter admits everything), in their given order. */
export function filterCriteria(criteria: readonly CriterionResult[], filters: CriteriaFilters): CriterionResult[] {
  const query = filters.query.trim().toLowerCase();
  return criteria.filter(
    (criterion) =>
      (filters.statuses.length === 0 || filters.statuses.includes(criterion.status)) &&
      (filters.categories.length === 0 || filters.categories.includes(criterion.category)) &&
      (filters.series.length === 0 || filters.series.includes(criterion.series)) &&
      (query === '' ||
        criterion.id.toLowerCase().startsWith(query) ||
        criterion.title.toLowerCase().includes(query) ||
        criterion.controls.some((control) => control.toLowerCase() === query)),
  );
}

/** The one criterion an address names exactly (`?q=CC6.2`), to open its reasons. */
export function namedCriterion(criteria: readonly CriterionResult[], filters: CriteriaFilters): string | null {
  const query = filters.query.trim().toLowerCase();
  return criteria.find((criterion) => criterion.id.toLowerCase() === query)?.id ?? null;
}
