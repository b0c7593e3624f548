/**
 * The items selected for the test whose result is not recorded yet: not counted as tested. Whoever records tests
 * records each one's result (which makes it a sample); everyone else sees what is still to test.
 */
import { Button, Table, Text } from '@mantine/core';
import type { ControlTest } from '../../api/controls.js';
import { Id } from '../../components/Id.js';

export function UntestedSamples(props: { test: ControlTest; canRecord: boolean; onRecord: (item: string) => void }) {
  const { untested } = props.test;
  if (untested.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table aria-label="Samples not yet tested" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Not yet tested ({untested.length})</Table.Th>
            <Table.Th w={160}>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {untested.map((item) => (
            <Table.Tr key={item}>
              <Table.Th scope="row" fw={500}>
                <Id>{item}</Id>
              </Table.Th>
              <Table.Td>
                {props.canRecord ? (
                  <Button size="compact-xs" variant="light" aria-label={`Record the result of ${item}`} onClick={() => props.onRecord(item)}>
                    Record result
                  </Button>
                ) : (
                  <Text size="sm" c="dimmed">not yet tested</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
