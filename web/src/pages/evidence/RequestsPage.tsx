/**
 * The evidence requests board: a column per status, overdue first; the auditor asks and decides, the
 * organisation answers with evidence of the store and a comment. The list goes out as CSV for the auditor's files.
 */
import { Badge, Button, Card, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { MAX_CONTROL_ID_LENGTH, MAX_OWNER_LENGTH, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { REQUEST_STATUSES, isOverdue } from '@assay/domain/evidence/requests.js';
import { useState } from 'react';
import { useAnswerRequest, useAskRequest, useDecideRequest, useEvidence, useRequestBoard, type EvidenceRequest } from '../../api/evidence.js';
import { API_PREFIX } from '../../api/paths.js';
import { useScope } from '../../api/programme.js';
import { DateField } from '../../components/DateField.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SectionCard } from '../../components/SectionCard.js';
import { textLimit } from '../../components/text-limit.js';
import { useCan } from '../../components/useRole.js';
import { formatDate } from '../../dates.js';
import { statusLabel } from '../../labels.js';

function AskForm() {
  const ask = useAskRequest();
  const [form, setForm] = useState({ code: '', item: '', control: '', dueOn: '', owner: '' });
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [name]: e.currentTarget.value }) });
  return (
    <SectionCard title="Ask for evidence">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          ask.mutate({ ...form, control: form.control || null, owner: form.owner || null }, { onSuccess: () => setForm({ code: '', item: '', control: '', dueOn: '', owner: '' }) });
        }}
      >
        <Group grow align="flex-end">
          <TextInput label="ID" required {...field('code')} {...textLimit(form.code, MAX_CONTROL_ID_LENGTH)} />
          <TextInput label="Request" required {...field('item')} {...textLimit(form.item, MAX_TEXT_LENGTH)} />
          <TextInput label="Control" {...field('control')} {...textLimit(form.control, MAX_CONTROL_ID_LENGTH)} />
          <DateField label="Due date" required value={form.dueOn} onChange={(dueOn) => setForm({ ...form, dueOn })} />
          <TextInput label="Owner" {...field('owner')} {...textLimit(form.owner, MAX_OWNER_LENGTH)} />
          <Button type="submit" loading={ask.isPending}>
            Ask
          </Button>
        </Group>
        {ask.isError && <Text c="red">{ask.error.message}</Text>}
      </form>
    </SectionCard>
  );
}

function AnswerForm({ request }: { request: EvidenceRequest }) {
  const answer = useAnswerRequest();
  const evidence = useEvidence(request.control ? { control: request.control } : {});
  const [chosen, setChosen] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  return (
    <Stack gap="xs">
      <MultiSelect label="Evidence" data={(evidence.data?.items ?? []).map((e) => ({ value: e.id, label: e.fileName }))} value={chosen} onChange={setChosen} searchable />
      <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize {...textLimit(comment, MAX_TEXT_LENGTH)} />
      <Button size="xs" loading={answer.isPending} onClick={() => answer.mutate({ request, evidence: chosen, comment: comment || null })}>
        Answer
      </Button>
      {answer.isError && <Text c="red">{answer.error.message}</Text>}
    </Stack>
  );
}

function Decision({ request }: { request: EvidenceRequest }) {
  const decide = useDecideRequest();
  const [reason, setReason] = useState('');
  return (
    <Stack gap="xs">
      <Textarea label="Reason to return it" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize {...textLimit(reason, MAX_TEXT_LENGTH)} />
      <Group>
        <Button size="xs" onClick={() => decide.mutate({ request, decision: 'accept', reason: null })}>
          Accept
        </Button>
        <Button size="xs" variant="light" color="orange" onClick={() => decide.mutate({ request, decision: 'return', reason })}>
          Return
        </Button>
      </Group>
      {decide.isError && <Text c="red">{decide.error.message}</Text>}
    </Stack>
  );
}

function RequestCard({ request, today }: { request: EvidenceRequest; today: string }) {
  const canAnswer = useCan('request.answer', true);
  const canDecide = useCan('request.ask');
  const overdue = isOverdue(request, today);
  return (
    <Card withBorder padding="sm" data-testid={`request-${request.code}`}>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{request.code}</Text>
          {overdue && <Badge color="red">overdue</Badge>}
        </Group>
        <Text>{request.item}</Text>
        <Text size="sm" c="dimmed">
          {request.control ? `${request.control} · ` : ''}due {formatDate(request.dueOn)}
          {request.owner ? ` · ${request.owner}` : ''}
        </Text>
        {request.comment && <Text size="sm">“{request.comment}”</Text>}
        {request.evidence.length > 0 && <Text size="sm">{request.evidence.length === 1 ? '1 evidence file' : `${request.evidence.length} evidence files`}</Text>}
        {request.status === 'returned' && request.returnReason && <Text size="sm" c="orange">Returned: {request.returnReason}</Text>}
        {canAnswer && (request.status === 'open' || request.status === 'returned') && <AnswerForm request={request} />}
        {canDecide && request.status === 'answered' && <Decision request={request} />}
      </Stack>
    </Card>
  );
}

export function RequestsPage() {
  const board = useRequestBoard();
  const { urls } = useScope();
  const canAsk = useCan('request.ask');
  const requests = board.data?.requests ?? [];
  return (
    <Stack>
      <PageHeading title="Evidence requests">What the auditor asked the organisation to provide, overdue first.</PageHeading>
      {canAsk && <AskForm />}
      <Group>
        <Button component="a" variant="light" href={`${API_PREFIX}${urls.evidenceRequests}/export`}>
          Export as CSV
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {REQUEST_STATUSES.map((status) => (
          <Stack key={status} gap="xs" data-testid={`column-${status}`}>
            <Title order={2} size="h4" tt="capitalize">
              {statusLabel(status)} ({requests.filter((r) => r.status === status).length})
            </Title>
            {requests
              .filter((r) => r.status === status)
              .map((r) => (
                <RequestCard key={r.id} request={r} today={board.data?.today ?? ''} />
              ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
