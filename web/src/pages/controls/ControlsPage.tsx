/**
 * The engagement's controls: a table to sort and filter (by text, criterion, conclusion and owner, all kept in
 * the address), each control a link to its page; the programme's managers add controls here.
 */
import { Button, Center, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ListedControl } from '@assay/contract';
import { useControls } from '../../api/controls.js';
import { useEngagement, useExamination } from '../../api/programme.js';
import { queryFallback } from '../../components/QueryFallback.js';
import { useCan } from '../../components/useRole.js';
import { useEngagementRoot } from '../../paths.js';
import { ControlsFilters } from './ControlsFilters.js';
import { ControlsTable } from './ControlsTable.js';
import { NewControlModal } from './NewControlModal.js';
import { PAGE_SIZE, useControlsTable } from './useControlsTable.js';


export function ControlsPage() {
  const controls = useControls();
  if (!controls.isSuccess) {
    return <Center mih={200}>{queryFallback(controls, { loading: 'Loading the controls', failed: 'The controls could not be loaded' })}</Center>;
  }
  return <Controls controls={controls.data} reload={() => void controls.refetch()} />;
}

function Controls({ controls, reload }: { controls: ListedControl[]; reload: () => void }) {
  const root = useEngagementRoot();
  const examination = useExamination();
  const engagement = useEngagement();
  const canManage = useCan('control.manage');
  const [creating, { open, close }] = useDisclosure(false);
  const table = useControlsTable(controls, examination.data?.controls);
  const { all, shown, paging } = table;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Controls
        </Title>
        {canManage && <Button onClick={open}>New control</Button>}
      </Group>

      <ControlsFilters table={table} />

      <Text size="sm" c="dimmed" role="status">
        Showing {shown.length} of {all.length} controls
      </Text>

      {shown.length === 0 ? (
        <Text>{all.length === 0 ? 'This engagement has no controls yet.' : 'No control matches these filters.'}</Text>
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
        categories={engagement.data?.categories ?? []}
        controlIds={controls.map((c) => c.id)}
        reload={reload}
      />
    </Stack>
  );
}
