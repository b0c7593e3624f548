/** The deviations behind the finding, read only: remediation never erases a deviation. */
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { Finding } from '../../api/findings.js';

export function DeviationsCard({ finding }: { finding: Finding }) {
  return (
    <Card withBorder component="section" aria-labelledby="finding-deviations">
      <Stack gap="sm">
        <Title order={2} size="h4" id="finding-deviations">
          Deviations
        </Title>
        <Text size="sm" c="dimmed">
          As found in the period. Remediation never erases a deviation: fixing the control changes what a retest finds,
          not what this period's test found.
        </Text>
        {finding.failedSamples.length === 0 ? (
          <Text c="dimmed">No sample deviated: the finding is about design or a gap.</Text>
        ) : (
          <Table aria-label="Deviations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {finding.failedSamples.map((deviation) => (
                <Table.Tr key={deviation.item}>
                  <Table.Th scope="row" fw={500}>
                    {deviation.item}
                  </Table.Th>
                  <Table.Td>{deviation.note ?? <Text c="dimmed">no note</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
