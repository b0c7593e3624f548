/**
 * Vendors (docs/risks-and-vendors.md): the inventory with criticality, data, subprocessors and review dates
 * (late reviews flagged), each vendor's SOC 2 reports with their CUECs mapped to our controls or shown as gaps,
 * and the risks the reports raised into the register.
 */
import { Anchor, Badge, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { MAX_NAME_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { OPINION_KINDS } from '@assay/domain/evaluation/result.js';
import { VENDOR_CRITICALITIES } from '@assay/domain/vendors/index.js';
import { useState } from 'react';
import { Link } from 'react-router';
import { useExamination } from '../../api/programme.js';
import { useAddVendor, useAssessVendors, useRecordReport, useVendors, type VendorBody, type VendorListItem } from '../../api/vendors.js';
import { DateField } from '../../components/DateField.js';
import { ListTable } from '../../components/ListTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { SectionCard } from '../../components/SectionCard.js';
import { textLimit } from '../../components/text-limit.js';
import { useCan } from '../../components/useRole.js';
import { formatDate } from '../../dates.js';
import { statusLabel } from '../../labels.js';
import { riskPage, useEngagementRoot } from '../../paths.js';

const EMPTY: VendorBody = { name: '', service: '', criticality: 'medium', data: '', subprocessor: false, owner: '', lastReviewedOn: null, nextReviewOn: null };

function AddVendor() {
  const add = useAddVendor();
  const [v, setV] = useState(EMPTY);
  const text = (name: 'name' | 'service' | 'data' | 'owner') => ({ value: v[name], onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [name]: e.currentTarget.value }) });
  return (
    <SectionCard title="Add a vendor">
      <form
        aria-label="Add a vendor"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(v, { onSuccess: () => setV(EMPTY) });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Vendor" required {...text('name')} {...textLimit(v.name, MAX_NAME_LENGTH)} />
            <TextInput label="Service" required {...text('service')} {...textLimit(v.service, MAX_NAME_LENGTH)} />
            <TextInput label="Vendor owner" required {...text('owner')} {...textLimit(v.owner, MAX_OWNER_LENGTH)} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Data it touches" required {...text('data')} {...textLimit(v.data, MAX_TEXT_LENGTH)} />
            <Select
              label="Criticality"
              data={VENDOR_CRITICALITIES.map((c) => ({ value: c, label: statusLabel(c) }))}
              value={v.criticality}
              onChange={(c) => setV({ ...v, criticality: (c ?? 'medium') as VendorBody['criticality'] })}
              allowDeselect={false}
            />
            <DateField label="Next review on" value={v.nextReviewOn ?? ''} onChange={(d) => setV({ ...v, nextReviewOn: d || null })} />
          </SimpleGrid>
          <Checkbox label="Subprocessor (processes our customers' personal data)" checked={v.subprocessor} onChange={(e) => setV({ ...v, subprocessor: e.currentTarget.checked })} />
          {add.isError && <Text c="red">{add.error.message}</Text>}
          <Group>
            <Button type="submit" loading={add.isPending}>
              Add the vendor
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

interface CuecDraft {
  text: string;
  control: string | null;
}

function RecordReport({ vendor }: { vendor: string }) {
  const record = useRecordReport();
  const examination = useExamination();
  const controls = (examination.data?.controls ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }));
  const [r, setR] = useState({ periodStart: '', periodEnd: '', opinion: 'unmodified' as (typeof OPINION_KINDS)[number], exceptions: 0 });
  const [cuecs, setCuecs] = useState<CuecDraft[]>([]);
  const [raised, setRaised] = useState<string[] | null>(null);
  return (
    <form
      aria-label={`Record a SOC 2 report of ${vendor}`}
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate({ vendor, body: { ...r, cuecs } }, { onSuccess: (result) => setRaised(result.raised) });
      }}
    >
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <DateField label="Period start" required value={r.periodStart} onChange={(periodStart) => setR({ ...r, periodStart })} />
          <DateField label="Period end" required value={r.periodEnd} onChange={(periodEnd) => setR({ ...r, periodEnd })} />
          <Select label="Opinion" data={OPINION_KINDS.map((o) => ({ value: o, label: statusLabel(o) }))} value={r.opinion} onChange={(o) => setR({ ...r, opinion: (o ?? 'unmodified') as typeof r.opinion })} allowDeselect={false} />
          <NumberInput label="Exceptions" min={0} value={r.exceptions} onChange={(n) => setR({ ...r, exceptions: typeof n === 'number' ? n : 0 })} />
        </SimpleGrid>
        {cuecs.map((cuec, i) => (
          <Group key={i} grow align="flex-end">
            <TextInput
              label={`CUEC ${i + 1}`}
              value={cuec.text}
              onChange={(e) => setCuecs(cuecs.map((c, j) => (j === i ? { ...c, text: e.currentTarget.value } : c)))}
              {...textLimit(cuec.text, MAX_TEXT_LENGTH)}
            />
            <Select
              label="Our control (none: a gap)"
              data={controls}
              value={cuec.control}
              clearable
              onChange={(control) => setCuecs(cuecs.map((c, j) => (j === i ? { ...c, control } : c)))}
            />
          </Group>
        ))}
        {record.isError && <Text c="red">{record.error.message}</Text>}
        {raised !== null && <Text size="sm">{raised.length === 0 ? 'Recorded; it raises no risk.' : `Recorded; it raised ${raised.join(', ')}.`}</Text>}
        <Group>
          <Button variant="default" size="xs" onClick={() => setCuecs([...cuecs, { text: '', control: null }])}>
            Add a CUEC
          </Button>
          <Button type="submit" size="xs" loading={record.isPending}>
            Record the report
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An expired report raises its risk only when someone looks again: nothing changes on the day it expires. */
function LookAgain() {
  const assess = useAssessVendors();
  return (
    <Group>
      <Button variant="default" loading={assess.isPending} onClick={() => assess.mutate()}>
        Look again as of today
      </Button>
      {assess.isError && <Text c="red">{assess.error.message}</Text>}
      {assess.isSuccess && (
        <Text size="sm">{assess.data.raised.length === 0 ? 'Nothing new: no report calls for a risk it has not raised.' : `It raised ${assess.data.raised.join(', ')}.`}</Text>
      )}
    </Group>
  );
}

function VendorCard({ vendor, root, canManage }: { vendor: VendorListItem; root: string; canManage: boolean }) {
  return (
    <Card withBorder padding="md" data-testid={`vendor-${vendor.code}`} component="section" aria-label={`${vendor.code} ${vendor.name}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {vendor.code} {vendor.name}
          </Text>
          <Group gap="xs">
            <Badge variant="light">{statusLabel(vendor.criticality)}</Badge>
            {vendor.subprocessor && <Badge variant="light">subprocessor</Badge>}
            {vendor.reviewOverdue && <Badge color="red">review overdue</Badge>}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {vendor.service} · {vendor.data} · {vendor.owner} · next review {vendor.nextReviewOn ? formatDate(vendor.nextReviewOn) : 'not set'}
        </Text>
        {vendor.reports.length > 0 && (
          <ListTable label={`SOC 2 reports of ${vendor.name}`} minWidth={600} columns={['Period', 'Opinion', 'Exceptions', 'CUECs', 'Raises']}>
            {vendor.reports.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
                </Table.Td>
                <Table.Td>{statusLabel(r.opinion)}</Table.Td>
                <Table.Td>{r.exceptions}</Table.Td>
                <Table.Td>
                  {r.cuecs.map((c) => (
                    <Text key={c.text} size="xs">
                      {c.text}: {c.control ?? <Badge color="orange" size="xs">gap</Badge>}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{r.reasons.map((reason) => statusLabel(reason)).join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
        {vendor.risks.length > 0 && (
          <Group gap="xs">
            <Text size="sm">Risks raised:</Text>
            {vendor.risks.map((code) => (
              <Anchor key={code} component={Link} to={riskPage(root, code)}>
                {code}
              </Anchor>
            ))}
          </Group>
        )}
        {canManage && <RecordReport vendor={vendor.code} />}
      </Stack>
    </Card>
  );
}

export function VendorsPage() {
  const list = useVendors();
  const root = useEngagementRoot();
  const canManage = useCan('vendor.manage');
  if (!list.isSuccess) return pageFallback(list, { loading: 'Loading the vendors', failed: 'The vendors could not be loaded' });
  const { vendors } = list.data;
  return (
    <Stack gap="lg">
      <PageHeading title="Vendors">
        {vendors.length} vendor{vendors.length === 1 ? '' : 's'}; a SOC 2 report with a modified opinion, exceptions, or a period that ended over a year ago raises a risk.
      </PageHeading>
      {canManage && <AddVendor />}
      {canManage && vendors.length > 0 && <LookAgain />}
      {vendors.map((v) => (
        <VendorCard key={v.code} vendor={v} root={root} canManage={canManage} />
      ))}
    </Stack>
  );
}
