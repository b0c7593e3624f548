/**
 * The selection in its order with each item's rank, and the seed shown large with how to recompute it: the
 * rank is the hex SHA-256 of `<seed>:<item id>`, so anyone can check the sample without Assay.
 */
import { Alert, Card, Code, Stack, Table, Text, Title } from '@mantine/core';
import type { RankedItem } from '@assay/domain/sampling/selection.js';

/** The same selection on the command line, for the workpapers. */
export function sampleCommand(seed: string, column: string, size: number): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  return `assay sample --population population.csv --id-column ${quote(column)} --seed ${quote(seed)} --size ${size}`;
}

export function SelectionResult(props: { items: RankedItem[]; seed: string; column: string; rows: number; stale: boolean }) {
  const { items, seed } = props;
  return (
    <Card withBorder component="section" aria-labelledby="sampling-result">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sampling-result">
          {items.length} of {props.rows} selected
        </Title>
        {props.stale && (
          <Alert color="yellow">The population, column, seed or size changed since this selection: select again to update it.</Alert>
        )}
        <div>
          <Text size="sm" c="dimmed">
            Seed
          </Text>
          <Code block fz="lg" fw={700}>
            {seed}
          </Code>
        </div>
        <Text size="sm">
          To check it, compute SHA-256 of <Code>{`${seed}:<item id>`}</Code> for every item, sort the hex digests in
          ascending order and take the first {items.length}; or run <Code>{sampleCommand(seed, props.column, items.length)}</Code>.
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Selected sample" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>#</Table.Th>
                <Table.Th>Item</Table.Th>
                <Table.Th>Rank (SHA-256 of seed:item)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry, i) => (
                <Table.Tr key={entry.item}>
                  <Table.Td c="dimmed">{i + 1}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {entry.item}
                  </Table.Th>
                  <Table.Td>
                    <Code fz="xs">{entry.rank}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}
