/**
 * The engagement's controls: a table to sort and filter (by text, criterion, conclusion and owner, all kept in
 * the address), each control a link to its page; the programme's managers add controls here. The archived
 * controls (out of the examination, kept read-only) are a view of their own (`?archived=only`).
 */
import { Button, Center, Group, Pagination, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ControlResult, ListedControl } from '@assay/contract';
import { useControls } from '../../api/controls.js';
import { useEngagement, useExamination } from '../../api/programme.js';
import { queryFallback } from '../../components/QueryFallback.js';
import { useCan } from '../../components/useRole.js';
import { useEngagementRoot } from '../../paths.js';
import { ControlsFilters } from './ControlsFilters.js';
import { ControlsTable } from './ControlsTable.js';
import { NewControlModal } from './NewControlModal.js';
import { PAGE_SIZE, useArchivedView, useControlsTable } from './useControlsTable.js';


export function ControlsPage() {
  const controls = useControls(useArchivedView());
  // Asked for beside the controls, not after them.
  const examination = useExamination();
  const engagement = useEngagement();
  const canManage = useCan('control.manage');
  if (!controls.isSuccess) {
    return <Center mih={200}>{queryFallback(controls, { loading: 'Loading the controls', failed: 'The controls could not be loaded' })}</Center>;
  }
  return (
    <Controls
      controls={controls.data}
      results={examination.data?.controls}
      categories={engagement.data?.categories ?? []}
      canManage={canManage}
      reload={() => void controls.refetch()}
    />
  );
}

function Controls(props: { controls: ListedControl[]; results: ControlResult[] | undefined; categories: string[]; canManage: boolean; reload: () => void }) {
  const { controls, canManage, reload } = props;
  const root = useEngagementRoot();
  const [creating, { open, close }] = useDisclosure(false);
  const table = useControlsTable(controls, props.results);
  const { all, shown, paging } = table;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Controls
        </Title>
        {canManage && !table.archived && <Button onClick={open}>New control</Button>}
      </Group>

      <SegmentedControl
        aria-label="Which controls"
        w="fit-content"
        value={table.archived ? 'archived' : 'in use'}
        data={[
          { value: 'in use', label: 'In use' },
          { value: 'archived', label: 'Archived' },
        ]}
        onChange={(view) => table.showArchived(view === 'archived')}
      />

      <ControlsFilters table={table} />

      <Text size="sm" c="dimmed" role="status">
        Showing {shown.length} of {all.length} controls
      </Text>

      {shown.length === 0 ? (
        <Text>
          {all.length > 0 ? 'No control matches these filters.' : table.archived ? 'No control of this engagement is archived.' : 'This engagement has no controls yet.'}
        </Text>
      ) : (
        <ControlsTable rows={table.visible} root={root} sort={table.sort} onSort={table.sortBy} />
      )}

      {shown.length > PAGE_SIZE && (
        <Group justify="space-between">
          {paging.showAll ? <span /> : <Pagination total={paging.pages} value={paging.current} onChange={paging.setPage} aria-label="Pages of controls" />}
          <Button variant="subtle" onClick={paging.toggleAll}>
            {paging.showAll ? `Show ${PAGE_SIZE} a page` : `Show all ${shown.length}`}
          </Button>
        </Group>
      )}

      <NewControlModal
        opened={creating}
        onClose={close}
        root={root}
        categories={props.categories}
        controlIds={controls.map((c) => c.id)}
        reload={reload}
      />
    </Stack>
  );
}
