/** The filters above the controls table: text, criterion, conclusion and owner, and clearing them. */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { optionsOf } from '../../labels.js';
import { CONCLUSION_ORDER, criteriaOf, NO_FILTERS, ownersOf, type ControlFilters } from './table.js';
import type { ControlsTableState } from './useControlsTable.js';
import { textLimit } from '../../components/text-limit.js';
import { MAX_NAME_LENGTH } from '@assay/contract/limits.js';

export function ControlsFilters({ table }: { table: ControlsTableState }) {
  const { filters, setFilters, all } = table;
  return (
    <Group align="flex-end" role="search" aria-label="Filter the controls">
      <TextInput label="Search" placeholder="Id or title" value={filters.q} onChange={(event) => setFilters({ q: event.currentTarget.value })} w={220} {...textLimit(filters.q, MAX_NAME_LENGTH)} />
      <Select
        label="Criterion"
        placeholder="Any"
        searchable
        clearable
        data={criteriaOf(all)}
        value={filters.criterion}
        onChange={(criterion) => setFilters({ criterion })}
        w={150}
      />
      <Select
        label="Conclusion"
        placeholder="Any"
        clearable
        data={optionsOf(CONCLUSION_ORDER)}
        value={filters.conclusion}
        onChange={(conclusion) => setFilters({ conclusion: conclusion as ControlFilters['conclusion'] })}
        w={220}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        searchable
        clearable
        data={ownersOf(all)}
        value={filters.owner}
        onChange={(owner) => setFilters({ owner })}
        w={240}
      />
      {table.filtered && (
        <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
