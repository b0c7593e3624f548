/** The deviations behind the finding, read only: remediation never erases a deviation. */
import { Table, Text } from '@mantine/core';
import type { Finding } from '../../api/findings.js';
import { SectionCard } from '../../components/SectionCard.js';
import { ListTable } from '../../components/ListTable.js';

export function DeviationsCard({ finding }: { finding: Finding }) {
  return (
    <SectionCard title="Deviations" padding="md">
      <Text size="sm" c="dimmed">
        As found in the period. Remediation never erases a deviation: fixing the control changes what a retest finds,
        not what this period's test found.
      </Text>
      {finding.failedSamples.length === 0 ? (
        <Text c="dimmed">No sample deviated: the finding is about design or a gap.</Text>
      ) : (
        <ListTable label="Deviations" minWidth={0} columns={['Item', 'Note']} striped={false} highlight={false}>
          {finding.failedSamples.map((deviation) => (
            <Table.Tr key={deviation.item}>
              <Table.Th scope="row" fw={500}>
                {deviation.item}
              </Table.Th>
              <Table.Td>{deviation.note ?? <Text c="dimmed">no note</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </SectionCard>
  );
}
