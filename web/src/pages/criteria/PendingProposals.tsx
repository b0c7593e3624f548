/**
 * Criteria proposed not applicable, pending the auditor's decision: each with management's reason, who proposed
 * it, and the forecast both ways (the criterion's status and the opinion as they are, and the opinion if it were
 * accepted), since a pending proposal counts for nothing yet. Whoever decides (the auditor; an admin where the
 * organisation has none) accepts, or rejects with the reason; everyone else sees who will decide.
 */
import { Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { NotApplicableProposal, NotApplicableProposals } from '../../api/not-applicable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { SectionCard } from '../../components/SectionCard.js';
import { statusLabel } from '../../labels.js';
import { textLimit } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';

export interface Decide {
  (proposal: NotApplicableProposal, decision: 'accept' | 'reject', note: string | null): void;
}

/** The forecast of one proposal in words: both outcomes where accepting it would change the opinion. */
function forecastText(forecast: NotApplicableProposals['forecasts'][number] | undefined): string {
  if (!forecast) return '';
  const now = `Now ${statusLabel(forecast.status)}; the opinion is ${statusLabel(forecast.opinion)}`;
  return forecast.opinion === forecast.opinionIfAccepted
    ? `${now}, and stays so if accepted.`
    : `${now} as it is, ${statusLabel(forecast.opinionIfAccepted)} if accepted.`;
}

function Decision(props: { proposal: NotApplicableProposal; onDecide: Decide; pending: boolean }) {
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { proposal } = props;
  if (rejecting) {
    return (
      <Stack gap={4}>
        <Textarea
          label={`Why ${proposal.criterion} applies`}
          size="xs"
          autosize
          minRows={2}
          value={note}
          error={error}
          onChange={(event) => setNote(event.currentTarget.value)}
          {...textLimit(note, MAX_TEXT_LENGTH)}
        />
        <Group gap="xs">
          <Button
            size="compact-xs"
            color="red"
            loading={props.pending}
            onClick={() => (note.trim() === '' ? setError('Say why the criterion applies: management reads it') : props.onDecide(proposal, 'reject', note.trim()))}
          >
            Reject the proposal
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => setRejecting(false)}>
            Cancel
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-xs" loading={props.pending} onClick={() => props.onDecide(proposal, 'accept', null)} aria-label={`Accept: ${proposal.criterion} not applicable`}>
        Accept
      </Button>
      <Button size="compact-xs" variant="default" onClick={() => setRejecting(true)} aria-label={`Reject: ${proposal.criterion} not applicable`}>
        Reject
      </Button>
    </Group>
  );
}

export function PendingProposals(props: { data: NotApplicableProposals; mayDecide: boolean; onDecide: Decide; pending: boolean }) {
  const pending = props.data.proposals.filter((p) => p.status === 'pending');
  if (pending.length === 0) return null;
  const forecasts = new Map(props.data.forecasts.map((f) => [f.criterion, f]));
  const decider = props.data.hasAuditor ? 'the auditor' : 'an admin (the organisation has no auditor)';
  return (
    <SectionCard title="Proposed not applicable" padding="md" aside={<StatusBadge value="pending" />}>
      <Text size="sm" c="dimmed">
        Management&apos;s proposals wait for {decider} to accept them; until then each criterion stays in scope and in the forecast.
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Proposed not applicable" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Criterion</Table.Th>
              <Table.Th scope="col">Reason and forecast</Table.Th>
              <Table.Th scope="col">{props.mayDecide ? 'Decision' : 'Status'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pending.map((proposal) => (
              <Table.Tr key={proposal.id}>
                <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {proposal.criterion}
                </Table.Th>
                <Table.Td>
                  <Text size="sm">{proposal.reason}</Text>
                  <Text size="xs" c="dimmed">
                    Proposed by {proposal.proposedBy.replace(/^user:/, '')}. {forecastText(forecasts.get(proposal.criterion))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {props.mayDecide ? (
                    <Decision proposal={proposal} onDecide={props.onDecide} pending={props.pending} />
                  ) : (
                    <Text size="sm">Pending: {decider} decides</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </SectionCard>
  );
}
