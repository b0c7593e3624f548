/** A list shown as a table: scrolls sideways on a narrow screen, striped unless told, named for assistive technology. */
import { Button, Table } from '@mantine/core';
import type { ReactNode } from 'react';

export function ListTable(props: { label: string; minWidth: number; columns: (string | false)[]; striped?: boolean; highlight?: boolean; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table striped={props.striped ?? true} highlightOnHover={props.highlight ?? true} aria-label={props.label}>
        <Table.Thead>
          <Table.Tr>
            {props.columns.filter((c): c is string => c !== false).map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{props.children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A row's action that takes something away (revoke, remove), named for the row it acts on. */
export function RemoveButton({ label, children, onClick }: { label: string; children: ReactNode; onClick: () => void }) {
  return (
    <Button size="xs" variant="subtle" color="red" aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}
