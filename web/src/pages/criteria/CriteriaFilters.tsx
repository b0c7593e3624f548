/** The matrix's filters: text, status, category and series; every change is written to the address. */
import { Button, Group, MultiSelect, SimpleGrid, TextInput, type MultiSelectProps } from '@mantine/core';
import type { Category } from '@assay/domain/criteria/catalogue.js';
import { CRITERION_STATUSES, type CriterionResult, type CriterionStatus } from '@assay/domain/evaluation/result.js';
import { isFiltered, NO_FILTERS, type CriteriaFilters } from './filters.js';
import { compareCategories, compareSeries } from './order.js';
import { categoryLabel, optionsOf } from '../../labels.js';

/** A filter on one attribute: a criterion passes with any of the values picked; with none picked, every one does. */
function AnyOf({ any, value, ...props }: Omit<MultiSelectProps, 'placeholder' | 'clearable'> & { any: string; value: string[] }) {
  return <MultiSelect {...props} value={value} placeholder={value.length ? undefined : any} clearable />;
}

export function CriteriaFiltersBar({
  criteria,
  filters,
  onChange,
}: {
  criteria: readonly CriterionResult[];
  filters: CriteriaFilters;
  onChange: (filters: CriteriaFilters) => void;
}) {
  // Offer only what the engagement has, plus anything the address asks for.
  const categories = [...new Set([...criteria.map((c) => c.category), ...filters.categories])].sort(compareCategories);
  const series = [...new Set([...criteria.map((c) => c.series), ...filters.series])].sort(compareSeries);

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" verticalSpacing="xs">
        <TextInput
          label="Search"
          placeholder="CC6, a title, or a control ID"
          value={filters.query}
          onChange={(event) => onChange({ ...filters, query: event.currentTarget.value })}
        />
        <AnyOf
          label="Status"
          any="Any status"
          data={optionsOf(CRITERION_STATUSES)}
          value={filters.statuses}
          onChange={(values) => onChange({ ...filters, statuses: values as CriterionStatus[] })}
        />
        <AnyOf
          label="Category"
          any="Any category"
          data={optionsOf(categories, categoryLabel)}
          value={filters.categories}
          onChange={(values) => onChange({ ...filters, categories: values as Category[] })}
        />
        <AnyOf label="Series" any="Any series" data={series} value={filters.series} onChange={(values) => onChange({ ...filters, series: values })} searchable />
      <Group align="flex-end">
        <Button variant="default" onClick={() => onChange(NO_FILTERS)} disabled={!isFiltered(filters)}>
          Clear filters
        </Button>
      </Group>
    </SimpleGrid>
  );
}
