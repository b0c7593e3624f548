/**
 * The controls table's rows, filters and order: pure functions over the controls list and the examination
 * result, so they are tested without rendering. Filters and order live in the page's address, so a filtered
 * table is a link (the dashboard links to `…/controls?conclusion=not_effective`).
 */
import { CRITERIA } from '@assay/domain/criteria/catalogue.js';
import { FREQUENCIES } from '@assay/domain/engagement.js';
import type { ControlConclusion, ControlResult } from '@assay/domain/evaluation/result.js';
import type { ListedControl } from '../../api/controls.js';

/** A control with what the examination says of its test. */
export interface ControlRow extends ListedControl {
  deviations: number | null;
  sampleSize: number | null;
  requiredSampleSize: number | null;
}

export function toRows(controls: readonly ListedControl[], results: readonly ControlResult[] = []): ControlRow[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return controls.map((control) => {
    const result = byId.get(control.id);
    return {
      ...control,
      deviations: result?.deviations ?? null,
      sampleSize: result?.sampleSize ?? null,
      requiredSampleSize: result?.requiredSampleSize ?? null,
    };
  });
}

/** The owner filter's value for controls without an owner. */
export const NO_OWNER = '(no owner)';

export interface ControlFilters {
  /** Text in the id or the title, any case. */
  q: string;
  criterion: string | null;
  conclusion: ControlConclusion | null;
  /** An owner's email, or NO_OWNER. */
  owner: string | null;
}

export const NO_FILTERS: ControlFilters = { q: '', criterion: null, conclusion: null, owner: null };

export function filterControls<T extends ControlRow>(rows: readonly T[], filters: ControlFilters): T[] {
  const q = filters.q.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (q === '' || row.id.toLowerCase().includes(q) || row.title.toLowerCase().includes(q)) &&
      (filters.criterion === null || row.criteria.includes(filters.criterion)) &&
      (filters.conclusion === null || row.conclusion === filters.conclusion) &&
      (filters.owner === null || (filters.owner === NO_OWNER ? row.owner === null : row.owner === filters.owner)),
  );
}

export const SORT_KEYS = [
  'id',
  'title',
  'criteria',
  'owner',
  'frequency',
  'nature',
  'key',
  'conclusion',
  'deviations',
  'sampleSize',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** Conclusions from the best to the worst, so that ascending puts the effective controls first. */
export const CONCLUSION_ORDER: readonly ControlConclusion[] = [
  'effective',
  'effective_with_exceptions',
  'not_tested',
  'not_effective',
  'design_deficiency',
];

const criterionIndex = new Map(CRITERIA.map((c, i) => [c.id, i]));
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

type SortValue = string | number | null;

/** What a column sorts by: criteria in the catalogue's order, frequencies from the rarest, ids naturally (AC-2 < AC-10). */
function sortValue(row: ControlRow, key: SortKey): SortValue {
  switch (key) {
    case 'criteria':
      return row.criteria.length === 0 ? null : Math.min(...row.criteria.map((c) => criterionIndex.get(c) ?? Infinity));
    case 'frequency':
      return FREQUENCIES.indexOf(row.frequency);
    case 'key':
      return row.key ? 0 : 1;
    case 'conclusion':
      return row.conclusion === null ? null : CONCLUSION_ORDER.indexOf(row.conclusion);
    case 'deviations':
      return row.deviations;
    case 'sampleSize':
      return row.sampleSize;
    default:
      return row[key];
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return natural.compare(String(a), String(b));
}

/**
 * The rows in the column's order. Empty values (no owner, not tested, not yet concluded) go last in either
 * direction; ties keep the engagement's order, then the id's.
 */
export function sortControls<T extends ControlRow>(rows: readonly T[], sort: Sort): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

export const DEFAULT_SORT: Sort = { key: 'id', direction: 'asc' };

/** The filters and order the address names; anything it does not know is ignored. */
export function readTableState(params: URLSearchParams): { filters: ControlFilters; sort: Sort | null } {
  const conclusion = params.get('conclusion');
  const key = params.get('sort');
  return {
    filters: {
      q: params.get('q') ?? '',
      criterion: params.get('criterion') || null,
      conclusion: (CONCLUSION_ORDER as readonly string[]).includes(conclusion ?? '') ? (conclusion as ControlConclusion) : null,
      owner: params.get('owner') || null,
    },
    sort: (SORT_KEYS as readonly string[]).includes(key ?? '')
      ? { key: key as SortKey, direction: params.get('dir') === 'desc' ? 'desc' : 'asc' }
      : null,
  };
}

/** The address's query for these filters and order (empty ones left out). */
export function writeTableState(filters: ControlFilters, sort: Sort | null): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q !== '') params.set('q', filters.q);
  if (filters.criterion !== null) params.set('criterion', filters.criterion);
  if (filters.conclusion !== null) params.set('conclusion', filters.conclusion);
  if (filters.owner !== null) params.set('owner', filters.owner);
  if (sort !== null) {
    params.set('sort', sort.key);
    if (sort.direction === 'desc') params.set('dir', 'desc');
  }
  return params;
}

/** The next order after clicking a column's header: ascending first, then descending, then back. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  if (current?.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}

/** The criteria the controls address, in the catalogue's order (for the criterion filter). */
export function criteriaOf(rows: readonly ControlRow[]): string[] {
  const used = new Set(rows.flatMap((r) => r.criteria));
  return [...used].sort((a, b) => (criterionIndex.get(a) ?? Infinity) - (criterionIndex.get(b) ?? Infinity) || natural.compare(a, b));
}

/** The owners of the controls, sorted, with NO_OWNER when some control has none. */
export function ownersOf(rows: readonly ControlRow[]): string[] {
  const owners = [...new Set(rows.map((r) => r.owner).filter((o): o is string => o !== null))].sort(natural.compare);
  return rows.some((r) => r.owner === null) ? [...owners, NO_OWNER] : owners;
}
