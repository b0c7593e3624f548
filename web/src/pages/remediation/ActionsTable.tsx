/** A table of corrective actions: what, of which finding (linked), whose, when due, and how late or how soon. */
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PlannedAction } from '../../api/remediation.js';
import { findingPage } from '../../paths.js';
import { formatDate } from '../../dates.js';

export function ActionsTable({ label, actions, root, days }: { label: string; actions: PlannedAction[]; root: string; days: 'late' | 'left' }) {
  if (actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Finding</Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">{days === 'late' ? 'Days late' : 'Days left'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((a) => (
            <Table.Tr key={`${a.finding}/${a.action.id}`}>
              <Table.Td>
                {a.action.title} <Text span c="dimmed" size="xs">({a.action.id})</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={findingPage(root, a.finding)} title={a.findingTitle}>
                  {a.finding}
                </Anchor>
              </Table.Td>
              <Table.Td>{a.action.owner ?? '—'}</Table.Td>
              <Table.Td>{formatDate(a.action.due)}</Table.Td>
              <Table.Td>{days === 'late' ? a.daysLate : a.daysLeft}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
