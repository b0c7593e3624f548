/** The controls as a table whose headers sort it (aria-sort says how), each row linking to its control. */
import { Anchor, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ControlRow, Sort, SortKey } from './table.js';
import { controlPage } from '../../paths.js';
import { frequencyLabel, statusLabel } from '../../labels.js';
import { Id } from '../../components/Id.js';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'id', label: 'Id' },
  { key: 'title', label: 'Title' },
  { key: 'criteria', label: 'Criteria' },
  { key: 'owner', label: 'Owner' },
  { key: 'frequency', label: 'Frequency' },
  { key: 'nature', label: 'Nature' },
  { key: 'key', label: 'Key' },
  { key: 'conclusion', label: 'Conclusion' },
  { key: 'deviations', label: 'Deviations' },
  { key: 'sampleSize', label: 'Sample size' },
];

function SortHeader(props: { column: (typeof COLUMNS)[number]; sort: Sort | null; onSort: (key: SortKey) => void }) {
  const { column, sort } = props;
  const direction = sort?.key === column.key ? sort.direction : null;
  return (
    <Table.Th aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <UnstyledButton onClick={() => props.onSort(column.key)} fw={600} fz="sm">
        <Group gap={4} wrap="nowrap">
          {column.label}
          <Text span size="xs" c={direction ? undefined : 'dimmed'} aria-hidden>
            {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function ControlsTable(props: { rows: ControlRow[]; root: string; sort: Sort | null; onSort: (key: SortKey) => void }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover aria-label="Controls">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={props.sort} onSort={props.onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={controlPage(props.root, row.id)}>
                  <Id>{row.id}</Id>
                </Anchor>
              </Table.Th>
              <Table.Td miw={260}>{row.title}</Table.Td>
              <Table.Td>{row.criteria.join(', ')}</Table.Td>
              <Table.Td>{row.owner ?? <Text c="dimmed">none</Text>}</Table.Td>
              <Table.Td>{frequencyLabel(row.frequency)}</Table.Td>
              <Table.Td>{statusLabel(row.nature)}</Table.Td>
              <Table.Td>{row.key ? 'Key' : <Text c="dimmed">no</Text>}</Table.Td>
              <Table.Td>
                {row.conclusion ? (
                  <StatusBadge value={row.conclusion} />
                ) : (
                  <Text c="dimmed">{row.archivedAt ? 'archived: not examined' : 'not evaluated yet'}</Text>
                )}
              </Table.Td>
              <Table.Td>{row.deviations ?? <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                {row.sampleSize === null ? (
                  <Text c="dimmed">—</Text>
                ) : (
                  <>
                    {row.sampleSize}
                    {row.requiredSampleSize !== null && (
                      <Text span c={row.sampleSize < row.requiredSampleSize ? 'var(--mantine-color-orange-text)' : 'dimmed'} size="sm">
                        {' '}
                        of {row.requiredSampleSize} required
                      </Text>
                    )}
                  </>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
