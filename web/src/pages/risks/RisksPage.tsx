/**
 * The risk register (docs/risks-and-vendors.md): the inherent and residual heat maps (a cell clicked filters the
 * register), the register sorted by residual risk, and adding a risk, also raised from a finding (`?finding=`).
 */
import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { RISK_LEVELS } from '@assay/domain/risks/index.js';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useFinding } from '../../api/findings.js';
import { useRisks, type RiskView } from '../../api/risks.js';
import { ListTable } from '../../components/ListTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { statusLabel } from '../../labels.js';
import { riskPage, useEngagementRoot } from '../../paths.js';
import { HeatMap, LEVEL_COLOURS } from './HeatMap.js';
import { cellOf, type Axis, type Cell } from './heat-map.js';
import { RiskForm } from './RiskForm.js';

type SortKey = 'residual' | 'inherent' | 'code';

const SORTS: { value: SortKey; label: string }[] = [
  { value: 'residual', label: 'Residual risk, highest first' },
  { value: 'inherent', label: 'Inherent risk, highest first' },
  { value: 'code', label: 'Code' },
];

function sorted(risks: readonly RiskView[], key: SortKey): RiskView[] {
  const byCode = (a: RiskView, b: RiskView) => a.code.localeCompare(b.code);
  if (key === 'code') return [...risks].sort(byCode);
  return [...risks].sort((a, b) => b.assessment[key].score - a.assessment[key].score || byCode(a, b));
}

export function LevelBadge({ score, level }: { score: number; level: RiskView['assessment']['residual']['level'] }) {
  return (
    <Badge style={{ background: LEVEL_COLOURS[level], color: 'var(--mantine-color-dark-9)' }}>
      {score} {statusLabel(level)}
    </Badge>
  );
}

/** The form to add a risk, raised from a finding when the address names one: its code, control and criteria linked. */
function AddRisk({ finding, onDone }: { finding: string | null; onDone: () => void }) {
  return finding === null ? <NewRisk title="Add a risk" seed={{}} onDone={onDone} /> : <RaiseFromFinding code={finding} onDone={onDone} />;
}

function RaiseFromFinding({ code, onDone }: { code: string; onDone: () => void }) {
  const finding = useFinding(code);
  if (!finding.isSuccess) return pageFallback(finding, { loading: 'Loading the finding', failed: 'The finding could not be loaded' });
  const { title, control, criteria } = finding.data;
  return <NewRisk title={`Raise a risk from ${code}`} seed={{ title, scenario: title, findings: [code], controls: control ? [control] : [], criteria }} onDone={onDone} />;
}

function NewRisk({ title, seed, onDone }: { title: string; seed: Parameters<typeof RiskForm>[0]['seed']; onDone: () => void }) {
  const navigate = useNavigate();
  const root = useEngagementRoot();
  return (
    <SectionCard title={title}>
      <RiskForm risk={null} {...(seed && { seed })} onCancel={onDone} onSaved={(risk) => navigate(riskPage(root, risk.code))} />
    </SectionCard>
  );
}

export function RisksPage() {
  const register = useRisks();
  const root = useEngagementRoot();
  const canManage = useCan('risk.manage');
  const [search, setSearch] = useSearchParams();
  const finding = search.get('finding');
  const [adding, setAdding] = useState(finding !== null);
  const [cell, setCell] = useState<(Cell & { axis: Axis }) | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey>('residual');
  if (!register.isSuccess) return pageFallback(register, { loading: 'Loading the risks', failed: 'The risks could not be loaded' });
  const risks = register.data.risks;
  const shown = sorted(
    risks.filter((r) => {
      const at = cell && cellOf(r, cell.axis);
      return (!at || (at.likelihood === cell.likelihood && at.impact === cell.impact)) && (!level || r.assessment.residual.level === level);
    }),
    sort,
  );
  const closeForm = () => {
    setAdding(false);
    if (finding !== null) setSearch({});
  };
  return (
    <Stack gap="lg">
      <PageHeading title="Risks">
        {risks.length} risk{risks.length === 1 ? '' : 's'}; residual risk follows what testing and monitoring found of each risk's controls.
      </PageHeading>
      {canManage && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)}>Add a risk</Button>
        </Group>
      )}
      {canManage && adding && <AddRisk finding={finding} onDone={closeForm} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <HeatMap axis="inherent" risks={risks} chosen={cell} onChoose={setCell} />
        <HeatMap axis="residual" risks={risks} chosen={cell} onChoose={setCell} />
      </SimpleGrid>
      <SectionCard title="Register">
        <Group align="flex-end">
          <Select label="Residual level" placeholder="Any" clearable data={RISK_LEVELS.map((l) => ({ value: l, label: statusLabel(l) }))} value={level} onChange={setLevel} />
          <Select label="Sort by" data={SORTS} value={sort} onChange={(v) => setSort((v ?? 'residual') as SortKey)} allowDeselect={false} />
          {cell && (
            <Button variant="subtle" onClick={() => setCell(null)}>
              Show every cell ({cell.axis}: likelihood {cell.likelihood}, impact {cell.impact})
            </Button>
          )}
        </Group>
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed">
            {risks.length === 0 ? 'The register is empty.' : 'No risk matches.'}
          </Text>
        ) : (
          <ListTable label="Risk register" minWidth={800} columns={['Code', 'Risk', 'Owner', 'Treatment', 'Controls', 'Inherent', 'Residual', 'Attention']}>
            {shown.map((r) => (
              <Table.Tr key={r.code} data-testid={`risk-${r.code}`}>
                <Table.Td>
                  <Anchor component={Link} to={riskPage(root, r.code)}>
                    {r.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.title}</Table.Td>
                <Table.Td>{r.owner}</Table.Td>
                <Table.Td>{statusLabel(r.treatment)}</Table.Td>
                <Table.Td>{r.controls.join(', ')}</Table.Td>
                <Table.Td>
                  <LevelBadge {...r.assessment.inherent} />
                </Table.Td>
                <Table.Td>
                  <LevelBadge {...r.assessment.residual} />
                </Table.Td>
                <Table.Td>
                  {r.flags.map((f) => (
                    <Badge key={f} color="red" variant="light" mr={4}>
                      {statusLabel(f)}
                    </Badge>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </SectionCard>
    </Stack>
  );
}
