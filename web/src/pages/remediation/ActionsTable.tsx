/** A table of corrective actions: what, of which finding (linked), whose, when due, and where it stands today. */
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PlannedAction } from '../../api/remediation.js';
import { findingPage } from '../../paths.js';
import { standingText } from './format.js';
import { NO_WRAP } from '../findings/format.js';
import { Id } from '../../components/Id.js';
import { formatDate } from '../../dates.js';

export function ActionsTable({ label, actions, root, empty }: { label: string; actions: PlannedAction[]; root: string; empty: string }) {
  if (actions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Finding</Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Standing</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((a) => (
            <Table.Tr key={`${a.finding}/${a.action.id}`}>
              <Table.Td>
                {a.action.title} <Text span c="dimmed" size="xs">(<Id>{a.action.id}</Id>)</Text>
              </Table.Td>
              <Table.Td style={NO_WRAP}>
                <Anchor component={Link} to={findingPage(root, a.finding)} title={a.findingTitle}>
                  <Id>{a.finding}</Id>
                </Anchor>
              </Table.Td>
              <Table.Td>{a.action.owner ? <Id>{a.action.owner}</Id> : '—'}</Table.Td>
              <Table.Td>
                <Id>{formatDate(a.action.due)}</Id>
              </Table.Td>
              <Table.Td c={a.state === 'overdue' ? 'red' : undefined} style={NO_WRAP}>
                {standingText(a)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
