/**
 * The controls table's state: the view (in use or archived), its filters and sort (all kept in the address), its
 * page, and the rows they show.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ControlResult, ListedControl } from '@assay/contract';
import { filterControls, nextSort, NO_FILTERS, readTableState, sortControls, toRows, writeTableState, type ControlFilters, type SortKey } from './table.js';

/** Rows on one page of the table, unless the person asks for all. */
export const PAGE_SIZE = 50;

/** Whether the address asks for the archived controls (`?archived=only`) rather than those in use. */
export function useArchivedView(): boolean {
  return useSearchParams()[0].get('archived') === 'only';
}

export function useControlsTable(controls: ListedControl[], results: ControlResult[] | undefined) {
  const [params, setParams] = useSearchParams();
  const archived = params.get('archived') === 'only';
  const { filters, sort } = readTableState(params);
  /** The table's state in the address, with the view (in use or archived) kept. */
  const writeState = (state: URLSearchParams) => {
    if (archived) state.set('archived', 'only');
    setParams(state, { replace: true });
  };
  const [page, setPage] = useState(1);
  const [showAll, setShowAll] = useState(false);

  const all = toRows(controls, results);
  const shown = sort ? sortControls(filterControls(all, filters), sort) : filterControls(all, filters);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);

  return {
    archived,
    showArchived: (view: boolean) => {
      setParams(view ? { archived: 'only' } : {}, { replace: true });
      setPage(1);
    },
    filters,
    sort,
    all,
    shown,
    visible: showAll ? shown : shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    filtered: JSON.stringify(filters) !== JSON.stringify(NO_FILTERS),
    setFilters: (changes: Partial<ControlFilters>) => {
      writeState(writeTableState({ ...filters, ...changes }, sort));
      setPage(1);
    },
    sortBy: (key: SortKey) => writeState(writeTableState(filters, nextSort(sort, key))),
    paging: { pages, current, setPage, showAll, toggleAll: () => setShowAll(!showAll) },
  };
}

export type ControlsTableState = ReturnType<typeof useControlsTable>;
