/** One risk: what it is, its inherent and residual risk, and why the residual is what it is (which control, which conclusion). */
import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRisks } from '../../api/risks.js';
import { ListTable } from '../../components/ListTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { SectionAction, SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { formatDate } from '../../dates.js';
import { statusLabel } from '../../labels.js';
import { controlPage, findingPage, sectionPage, useEngagementRoot } from '../../paths.js';
import { LevelBadge } from './RisksPage.js';
import { RiskForm } from './RiskForm.js';

export function RiskPage() {
  const { riskCode = '' } = useParams();
  const register = useRisks();
  const root = useEngagementRoot();
  const canManage = useCan('risk.manage');
  const [editing, setEditing] = useState(false);
  if (!register.isSuccess) return pageFallback(register, { loading: 'Loading the risk', failed: 'The risk could not be loaded' });
  const risk = register.data.risks.find((r) => r.code === riskCode);
  if (!risk) {
    return (
      <Text>
        There is no risk {riskCode}. <Anchor component={Link} to={sectionPage(root, 'risks')}>Back to the register</Anchor>
      </Text>
    );
  }
  const { inherent, residual, mitigations, reasons } = risk.assessment;
  return (
    <Stack gap="lg">
      <PageHeading title={`${risk.code} ${risk.title}`}>
        {risk.category} · owned by {risk.owner} · {statusLabel(risk.treatment)}
      </PageHeading>
      {risk.raisedBy && (
        <Text data-testid="raised-by">
          Raised by{' '}
          <Anchor component={Link} to={sectionPage(root, 'vendors')}>
            {risk.raisedBy.vendor}
          </Anchor>
          's SOC 2 report ({statusLabel(risk.raisedBy.reason)})
        </Text>
      )}
      <Group>
        <Text>Inherent</Text>
        <LevelBadge {...inherent} />
        <Text c="dimmed">
          likelihood {inherent.likelihood} × impact {inherent.impact}
        </Text>
        <Text>Residual</Text>
        <span data-testid="residual">
          <LevelBadge {...residual} />
        </span>
        <Text c="dimmed">
          likelihood {residual.likelihood} × impact {residual.impact}
        </Text>
        {risk.flags.map((f) => (
          <Badge key={f} color="red" variant="light">
            {statusLabel(f)}
          </Badge>
        ))}
      </Group>
      <SectionCard title="Why the residual risk is what it is">
        {mitigations.length > 0 && (
          <ListTable label="Mitigating controls" minWidth={600} columns={['Control', 'Conclusion', 'Monitoring', 'Lowers the likelihood by']}>
            {mitigations.map((m) => (
              <Table.Tr key={m.control} data-strongest={m.control === risk.assessment.strongest || undefined}>
                <Table.Td>
                  <Anchor component={Link} to={controlPage(root, m.control)}>
                    {m.control}
                  </Anchor>
                  {m.control === risk.assessment.strongest && (
                    <Badge ml="xs" variant="light">
                      decides
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{m.conclusion === null ? 'not a control of the engagement' : statusLabel(m.conclusion)}</Table.Td>
                <Table.Td>{m.monitoringFailing ? 'latest run failed' : '—'}</Table.Td>
                <Table.Td>{m.reduction}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
        <Stack gap={2}>
          {reasons.map((reason) => (
            <Text key={reason} size="sm">
              {reason}
            </Text>
          ))}
        </Stack>
      </SectionCard>
      <SectionCard title="The risk" aside={canManage && !editing ? <SectionAction onClick={() => setEditing(true)}>Change</SectionAction> : undefined}>
        {editing ? (
          <RiskForm risk={risk} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
        ) : (
          <Stack gap={4}>
            <Text>{risk.scenario}</Text>
            <Text size="sm">Criteria: {risk.criteria.join(', ') || 'none'}</Text>
            <Text size="sm">
              Findings:{' '}
              {risk.findings.length === 0
                ? 'none'
                : risk.findings.map((code) => (
                    <Anchor key={code} component={Link} to={findingPage(root, code)} mr="xs">
                      {code}
                    </Anchor>
                  ))}
            </Text>
            {risk.acceptance && (
              <Text size="sm">
                Accepted by {risk.acceptance.approver} until {formatDate(risk.acceptance.expiresOn)}: {risk.acceptance.reason}
              </Text>
            )}
            <Text size="sm">
              Last reviewed {risk.lastReviewedOn ? formatDate(risk.lastReviewedOn) : 'never'}; next review {risk.nextReviewOn ? formatDate(risk.nextReviewOn) : 'not set'}
            </Text>
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}
