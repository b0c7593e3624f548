/** One table of the comparison: each criterion or control as the earlier and the later period found it. */
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PeriodChange } from '../../api/periods.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { statusLabel } from '../../labels.js';

const CHANGE_COLOURS: Record<PeriodChange, string> = { better: 'teal', worse: 'red', same: 'gray', added: 'blue', removed: 'orange' };

export function ChangeBadge({ change }: { change: PeriodChange }) {
  return (
    <Badge color={CHANGE_COLOURS[change]} variant={change === 'same' ? 'outline' : 'light'}>
      {statusLabel(change)}
    </Badge>
  );
}

export interface ComparedRow {
  id: string;
  before: string | null;
  after: string | null;
  change: PeriodChange;
}

export function ComparedTable(props: {
  label: string;
  /** The column of ids: "Criterion" or "Control". */
  what: string;
  rows: ComparedRow[];
  beforeName: string;
  afterName: string;
  /** Where an id leads in this engagement. */
  href: (id: string) => string;
}) {
  const { rows } = props;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing changed between the two periods.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{props.what}</Table.Th>
            <Table.Th scope="col">{props.beforeName}</Table.Th>
            <Table.Th scope="col">{props.afterName}</Table.Th>
            <Table.Th scope="col">Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={props.href(row.id)} size="sm">
                  {row.id}
                </Anchor>
              </Table.Th>
              <Table.Td>{row.before === null ? <NotInScope /> : <StatusBadge value={row.before} />}</Table.Td>
              <Table.Td>{row.after === null ? <NotInScope /> : <StatusBadge value={row.after} />}</Table.Td>
              <Table.Td>
                <ChangeBadge change={row.change} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NotInScope() {
  return (
    <Text size="sm" c="dimmed">
      not in this period
    </Text>
  );
}
