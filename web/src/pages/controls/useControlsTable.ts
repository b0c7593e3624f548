/** The controls table's state: its filters and sort (kept in the address), its page, and the rows they show. */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ControlResult, ListedControl } from '@assay/contract';
import { filterControls, nextSort, NO_FILTERS, readTableState, sortControls, toRows, writeTableState, type ControlFilters, type SortKey } from './table.js';

/** Rows on one page of the table, unless the person asks for all. */
export const PAGE_SIZE = 50;

export function useControlsTable(controls: ListedControl[], results: ControlResult[] | undefined) {
  const [params, setParams] = useSearchParams();
  const { filters, sort } = readTableState(params);
  const [page, setPage] = useState(1);
  const [showAll, setShowAll] = useState(false);

  const all = toRows(controls, results);
  const shown = sort ? sortControls(filterControls(all, filters), sort) : filterControls(all, filters);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);

  return {
    filters,
    sort,
    all,
    shown,
    visible: showAll ? shown : shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    filtered: JSON.stringify(filters) !== JSON.stringify(NO_FILTERS),
    setFilters: (changes: Partial<ControlFilters>) => {
      setParams(writeTableState({ ...filters, ...changes }, sort), { replace: true });
      setPage(1);
    },
    sortBy: (key: SortKey) => setParams(writeTableState(filters, nextSort(sort, key)), { replace: true }),
    paging: { pages, current, setPage, showAll, toggleAll: () => setShowAll(!showAll) },
  };
}

export type ControlsTableState = ReturnType<typeof useControlsTable>;
