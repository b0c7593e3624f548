/**
 * The engagement's controls: a table to sort and filter (by text, criterion, conclusion and owner, all kept in
 * the address), each control a link to its page; the programme's managers add controls here. The archived
 * controls (out of the examination, kept read-only) are a view of their own (`?archived=only`).
 */
import { Alert, Button, Center, Group, Loader, Modal, Pagination, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useControls, useCreateControl } from '../../api/controls.js';
import { useEngagement, useExamination, useScope } from '../../api/programme.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { statusLabel } from '../../components/StatusBadge.js';
import { useCan } from '../../components/useRole.js';
import { ControlForm } from './ControlForm.js';
import { newControlValues, toControlInput } from './control-form.js';
import { ControlsTable } from './ControlsTable.js';
import {
  CONCLUSION_ORDER,
  criteriaOf,
  filterControls,
  nextSort,
  NO_FILTERS,
  ownersOf,
  readTableState,
  sortControls,
  toRows,
  writeTableState,
  type ControlFilters,
} from './table.js';

/** Rows on one page of the table, unless the person asks for all. */
export const PAGE_SIZE = 50;

export function ControlsPage() {
  const { organizationId, engagementId } = useScope();
  const root = `/o/${organizationId}/e/${engagementId}`;
  const [params, setParams] = useSearchParams();
  const archived = params.get('archived') === 'only';
  const controls = useControls(archived);
  const examination = useExamination();
  const engagement = useEngagement();
  const canManage = useCan('control.manage');
  const create = useCreateControl();
  const navigate = useNavigate();
  const { filters, sort } = readTableState(params);
  /** The table's state in the address, with the view (in use or archived) kept. */
  const writeState = (state: URLSearchParams) => {
    if (archived) state.set('archived', 'only');
    setParams(state, { replace: true });
  };
  const [page, setPage] = useState(1);
  const [showAll, setShowAll] = useState(false);
  const [creating, { open, close }] = useDisclosure(false);

  if (controls.isPending) {
    return (
      <Center mih={200}>
        <Loader aria-label="Loading the controls" />
      </Center>
    );
  }
  if (controls.isError) {
    return (
      <Alert color="red" title="The controls could not be loaded">
        {controls.error.message}
      </Alert>
    );
  }

  const all = toRows(controls.data, examination.data?.controls);
  const shown = sort ? sortControls(filterControls(all, filters), sort) : filterControls(all, filters);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const visible = showAll ? shown : shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const setFilters = (changes: Partial<ControlFilters>) => {
    writeState(writeTableState({ ...filters, ...changes }, sort));
    setPage(1);
  };
  const ids = controls.data.map((c) => c.id);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Controls
        </Title>
        {canManage && !archived && <Button onClick={open}>New control</Button>}
      </Group>

      <SegmentedControl
        aria-label="Which controls"
        w="fit-content"
        value={archived ? 'archived' : 'in use'}
        data={[
          { value: 'in use', label: 'In use' },
          { value: 'archived', label: 'Archived' },
        ]}
        onChange={(view) => {
          setParams(view === 'archived' ? { archived: 'only' } : {}, { replace: true });
          setPage(1);
        }}
      />

      <Group align="flex-end" role="search" aria-label="Filter the controls">
        <TextInput
          label="Search"
          placeholder="Id or title"
          value={filters.q}
          onChange={(event) => setFilters({ q: event.currentTarget.value })}
          w={220}
        />
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
          data={CONCLUSION_ORDER.map((c) => ({ value: c, label: statusLabel(c) }))}
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
        {filtered && (
          <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        )}
      </Group>

      <Text size="sm" c="dimmed" role="status">
        Showing {shown.length} of {all.length} controls
      </Text>

      {shown.length === 0 ? (
        <Text>
          {all.length > 0 ? 'No control matches these filters.' : archived ? 'No control of this engagement is archived.' : 'This engagement has no controls yet.'}
        </Text>
      ) : (
        <ControlsTable
          rows={visible}
          root={root}
          sort={sort}
          onSort={(key) => writeState(writeTableState(filters, nextSort(sort, key)))}
        />
      )}

      {shown.length > PAGE_SIZE && (
        <Group justify="space-between">
          {showAll ? <span /> : <Pagination total={pages} value={current} onChange={setPage} aria-label="Pages of controls" />}
          <Button variant="subtle" onClick={() => setShowAll(!showAll)}>
            {showAll ? `Show ${PAGE_SIZE} a page` : `Show all ${shown.length}`}
          </Button>
        </Group>
      )}

      <Modal opened={creating} onClose={close} title="New control" size="lg">
        <ControlForm
          initial={newControlValues()}
          categories={engagement.data?.categories ?? []}
          controlIds={ids}
          submitLabel="Create the control"
          onCancel={close}
          onSubmit={async (values) => {
            const control = toControlInput(values);
            try {
              await create.mutateAsync({ controlId: control.id, control });
            } catch (error) {
              notifyError(error, () => void controls.refetch());
              throw error;
            }
            notifySaved(`Control ${control.id} created`);
            close();
            void navigate(`${root}/controls/${encodeURIComponent(control.id)}`);
          }}
        />
      </Modal>
    </Stack>
  );
}
