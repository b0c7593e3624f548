/** The findings as a table, each code a link to its page; the severity shown is the one that stands. */
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { effectiveSeverity } from '@assay/domain/findings/model.js';
import type { Finding } from '../../api/findings.js';
import type { RootCauseWithFindings } from '../../api/root-causes.js';
import { statusColour } from '../../components/StatusBadge.js';
import { FindingStatusBadge } from './FindingStatusBadge.js';
import { NO_WRAP, nextActionDue, severityText } from './format.js';
import { controlPage, findingPage } from '../../paths.js';
import { ListTable } from '../../components/ListTable.js';
import { Id } from '../../components/Id.js';
import { formatDate } from '../../dates.js';

export function FindingsTable(props: { findings: Finding[]; rootCauses: RootCauseWithFindings[]; root: string }) {
  const causes = new Map(props.rootCauses.map((c) => [c.id, c]));
  return (
    <ListTable label="Findings" minWidth={1000} columns={['Code', 'Title', 'Control', 'Criteria', 'Severity', 'Status', 'Root cause', 'Next action due']}>
      {props.findings.map((finding) => {
        const next = nextActionDue(finding.correctiveActions);
        const cause = finding.rootCause === null ? null : (causes.get(finding.rootCause) ?? null);
        return (
          <Table.Tr key={finding.code}>
            <Table.Th scope="row" fw={500} style={NO_WRAP}>
              <Anchor component={Link} to={findingPage(props.root, finding.code)}>
                {finding.code}
              </Anchor>
            </Table.Th>
            <Table.Td miw={240}>{finding.title}</Table.Td>
            <Table.Td>
              {finding.control === null ? (
                <Text c="dimmed">none</Text>
              ) : (
                <Anchor component={Link} to={controlPage(props.root, finding.control)}>
                  <Id>{finding.control}</Id>
                </Anchor>
              )}
            </Table.Td>
            <Table.Td>{finding.criteria.join(', ')}</Table.Td>
            <Table.Td>
              <Text span c={`var(--mantine-color-${statusColour(effectiveSeverity(finding.classification))}-text)`} fw={500} size="sm">
                {severityText(finding.classification)}
              </Text>
            </Table.Td>
            <Table.Td>
              <FindingStatusBadge status={finding.status} miw="max-content" />
            </Table.Td>
            <Table.Td>
              {finding.rootCause === null ? <Text c="dimmed">not traced yet</Text> : cause ? `${cause.id} · ${cause.title}` : finding.rootCause}
            </Table.Td>
            <Table.Td style={NO_WRAP}>{next ? (next.due ? formatDate(next.due) : <Text c="dimmed">undated</Text>) : <Text c="dimmed">—</Text>}</Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
