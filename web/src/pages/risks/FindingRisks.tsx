/** On a finding's page: the risks it raised or is linked to, and raising a new one from it. */
import { Anchor, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useRisks } from '../../api/risks.js';
import { SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { riskPage, risksPage } from '../../paths.js';
import { LevelBadge } from './RisksPage.js';

export function FindingRisks({ finding, root }: { finding: string; root: string }) {
  const register = useRisks();
  const canManage = useCan('risk.manage');
  const linked = (register.data?.risks ?? []).filter((r) => r.findings.includes(finding));
  return (
    <SectionCard
      title="Risks"
      aside={
        canManage ? (
          <Button component={Link} to={risksPage(root, finding)} variant="default" size="xs">
            Raise a risk
          </Button>
        ) : undefined
      }
    >
      {linked.length === 0 ? (
        <Text size="sm" c="dimmed">
          No risk of the register is linked to this finding.
        </Text>
      ) : (
        linked.map((r) => (
          <Group key={r.code} gap="xs">
            <Anchor component={Link} to={riskPage(root, r.code)}>
              {r.code} {r.title}
            </Anchor>
            <LevelBadge {...r.assessment.residual} />
          </Group>
        ))
      )}
    </SectionCard>
  );
}
