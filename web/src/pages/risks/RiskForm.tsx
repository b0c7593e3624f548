/**
 * Adding or changing a risk: what could happen, its ratings, treatment, links and review dates. The residual
 * risk is not a field: the server works it out from the linked controls, and the risk's page says how.
 */
import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { RISK_TREATMENTS } from '@assay/domain/risks/index.js';
import { useState } from 'react';
import { useFindings } from '../../api/findings.js';
import { useExamination } from '../../api/programme.js';
import { useSaveRisk, type RiskBody, type RiskView } from '../../api/risks.js';
import { DateField } from '../../components/DateField.js';
import { textLimit } from '../../components/text-limit.js';
import { statusLabel } from '../../labels.js';

const RATINGS = ['1', '2', '3', '4', '5'];

interface Draft {
  title: string;
  scenario: string;
  owner: string;
  category: string;
  likelihood: string;
  impact: string;
  treatment: RiskBody['treatment'];
  controls: string[];
  criteria: string[];
  findings: string[];
  approver: string;
  reason: string;
  expiresOn: string;
  lastReviewedOn: string;
  nextReviewOn: string;
}

function draftOf(risk: RiskView | null, seed: Partial<Draft>): Draft {
  return {
    title: risk?.title ?? '',
    scenario: risk?.scenario ?? '',
    owner: risk?.owner ?? '',
    category: risk?.category ?? '',
    likelihood: String(risk?.likelihood ?? 3),
    impact: String(risk?.impact ?? 3),
    treatment: risk?.treatment ?? 'mitigate',
    controls: risk?.controls ?? [],
    criteria: risk?.criteria ?? [],
    findings: risk?.findings ?? [],
    approver: risk?.acceptance?.approver ?? '',
    reason: risk?.acceptance?.reason ?? '',
    expiresOn: risk?.acceptance?.expiresOn ?? '',
    lastReviewedOn: risk?.lastReviewedOn ?? '',
    nextReviewOn: risk?.nextReviewOn ?? '',
    ...seed,
  };
}

function bodyOf(d: Draft): RiskBody {
  const accepted = d.approver !== '' || d.reason !== '' || d.expiresOn !== '';
  return {
    title: d.title,
    scenario: d.scenario,
    owner: d.owner,
    category: d.category,
    likelihood: Number(d.likelihood),
    impact: Number(d.impact),
    treatment: d.treatment,
    controls: d.controls,
    criteria: d.criteria,
    findings: d.findings,
    acceptance: accepted ? { approver: d.approver, reason: d.reason, expiresOn: d.expiresOn } : null,
    lastReviewedOn: d.lastReviewedOn || null,
    nextReviewOn: d.nextReviewOn || null,
  };
}

/** The form for a new risk (`risk` null, fields seeded from `seed`) or for changing `risk` at its version. */
export function RiskForm(props: { risk: RiskView | null; seed?: Partial<Draft>; onSaved: (risk: RiskView) => void; onCancel: () => void }) {
  const { risk, seed = {}, onSaved, onCancel } = props;
  const save = useSaveRisk();
  const examination = useExamination();
  const findings = useFindings();
  const [d, setD] = useState<Draft>(() => draftOf(risk, seed));
  const text = (name: 'title' | 'scenario' | 'owner' | 'category' | 'approver' | 'reason') => ({
    value: d[name],
    onChange: (e: { currentTarget: { value: string } }) => setD({ ...d, [name]: e.currentTarget.value }),
  });
  const controls = (examination.data?.controls ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }));
  const criteria = (examination.data?.criteria ?? []).map((c) => c.id);
  const findingCodes = (findings.data ?? []).map((f) => ({ value: f.code, label: `${f.code} ${f.title}` }));
  return (
    <form
      aria-label={risk ? `Change ${risk.code}` : 'Add a risk'}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ ...(risk && { code: risk.code, version: risk.version }), body: bodyOf(d) }, { onSuccess: onSaved });
      }}
    >
      <Stack gap="sm">
        <TextInput label="Risk" required {...text('title')} {...textLimit(d.title, MAX_NAME_LENGTH)} />
        <Textarea label="Scenario" required autosize minRows={2} {...text('scenario')} {...textLimit(d.scenario, MAX_TEXT_LENGTH)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Owner" required {...text('owner')} {...textLimit(d.owner, MAX_OWNER_LENGTH)} />
          <TextInput label="Category" required {...text('category')} {...textLimit(d.category, MAX_NAME_LENGTH)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label="Likelihood (1 rare – 5 almost certain)" data={RATINGS} value={d.likelihood} onChange={(v) => setD({ ...d, likelihood: v ?? '3' })} allowDeselect={false} />
          <Select label="Impact (1 minor – 5 severe)" data={RATINGS} value={d.impact} onChange={(v) => setD({ ...d, impact: v ?? '3' })} allowDeselect={false} />
          <Select
            label="Treatment"
            data={RISK_TREATMENTS.map((t) => ({ value: t, label: statusLabel(t) }))}
            value={d.treatment}
            onChange={(v) => setD({ ...d, treatment: (v ?? 'mitigate') as Draft['treatment'] })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <MultiSelect label="Mitigating controls" data={controls} value={d.controls} onChange={(v) => setD({ ...d, controls: v })} searchable />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect label="Criteria" data={criteria} value={d.criteria} onChange={(v) => setD({ ...d, criteria: v })} searchable />
          <MultiSelect label="Findings" data={findingCodes} value={d.findings} onChange={(v) => setD({ ...d, findings: v })} searchable />
        </SimpleGrid>
        {(d.treatment === 'accept' || risk?.acceptance) && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Accepted by" required={d.treatment === 'accept'} {...text('approver')} {...textLimit(d.approver, MAX_OWNER_LENGTH)} />
            <TextInput label="Reason for accepting" required={d.treatment === 'accept'} {...text('reason')} {...textLimit(d.reason, MAX_TEXT_LENGTH)} />
            <DateField label="Acceptance expires on" required={d.treatment === 'accept'} value={d.expiresOn} onChange={(expiresOn) => setD({ ...d, expiresOn })} />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label="Last reviewed on" value={d.lastReviewedOn} onChange={(lastReviewedOn) => setD({ ...d, lastReviewedOn })} />
          <DateField label="Next review on" value={d.nextReviewOn} onChange={(nextReviewOn) => setD({ ...d, nextReviewOn })} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          The residual risk is worked out from the linked controls' conclusions and monitoring, not typed in.
        </Text>
        {save.isError && <Text c="red">{save.error.message}</Text>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {risk ? 'Save' : 'Add the risk'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
