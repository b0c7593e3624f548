/**
 * The matrix: one row per criterion with its status and its controls as badges coloured by their conclusion
 * (the conclusion is written in the badge too); a row opens to the reasons behind the status.
 */
import { Badge, Button, Group, List, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ControlResult, CriterionResult } from '../../api/types.js';
import { StatusBadge, statusColour } from '../../components/StatusBadge.js';
import { controlPage } from '../../paths.js';
import { categoryLabel, statusLabel } from '../../labels.js';
import { Id } from '../../components/Id.js';

export interface CriteriaTableProps {
  criteria: CriterionResult[];
  controls: ReadonlyMap<string, ControlResult>;
  root: string;
  expanded: ReadonlySet<string>;
  onToggle: (criterionId: string) => void;
  /** The reasons given for criteria not applicable, by criterion. */
  notApplicableReasons: ReadonlyMap<string, string>;
  /** Criteria proposed not applicable, pending the auditor's decision: still in scope. */
  proposed: ReadonlySet<string>;
  /** Offered only to those who may propose (management) or undo (who manages the engagement); absent otherwise. */
  actions?: {
    canPropose: boolean;
    canUndo: boolean;
    onMark: (criterion: CriterionResult) => void;
    onUndo: (criterion: CriterionResult) => void;
    disabled: boolean;
  };
}

function ControlBadge({ id, control, failing, root }: { id: string; control: ControlResult | undefined; failing: boolean; root: string }) {
  const conclusion = control?.conclusion ?? 'unknown';
  return (
    <Badge
      component={Link}
      to={controlPage(root, id)}
      color={statusColour(conclusion)}
      variant={failing ? 'filled' : 'light'}
      tt="none"
      h="auto"
      py={2}
      // The conclusion is written in the badge: it may wrap on a narrow screen, never be cut off.
      styles={{ root: { cursor: 'pointer', maxWidth: '100%' }, label: { whiteSpace: 'normal', overflow: 'visible' } }}
      title={control ? `${control.title}${control.key ? ' (key control)' : ''}` : undefined}
    >
      <Id>{id}</Id> · {statusLabel(conclusion)}
      {control?.key ? ' · key' : ''}
    </Badge>
  );
}

/** Proposing the criterion not applicable, or undoing an accepted one: quiet, since most rows never need it. */
function ApplicabilityAction({ criterion, actions }: { criterion: CriterionResult; actions: NonNullable<CriteriaTableProps['actions']> }) {
  const undo = criterion.status === 'not_applicable';
  if (undo ? !actions.canUndo : !actions.canPropose) return null;
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      color="gray"
      disabled={actions.disabled}
      onClick={() => (undo ? actions.onUndo(criterion) : actions.onMark(criterion))}
      // The visible words first, so a person who says them to speech input finds the button.
      aria-label={undo ? `Make applicable: ${criterion.id}` : `Propose not applicable: ${criterion.id}`}
    >
      {undo ? 'Make applicable' : 'Propose not applicable'}
    </Button>
  );
}

function Details({ criterion, naReason }: { criterion: CriterionResult; naReason: string | undefined }) {
  return (
    <Stack gap={6} py="xs">
      <Text size="sm" c="dimmed">
        {categoryLabel(criterion.category)} · series {criterion.series}
        {criterion.failures.length > 0 &&
          ` · fails in ${criterion.failures.map((kind) => (kind === 'design' ? 'design' : 'operation')).join(' and ')}`}
        {criterion.failingControls.length > 0 && ` · failing key controls: ${criterion.failingControls.join(', ')}`}
      </Text>
      {naReason && (
        <Text size="sm">
          <strong>Not applicable because:</strong> {naReason}
        </Text>
      )}
      {criterion.reasons.length > 0 ? (
        <List size="sm" spacing={2}>
          {criterion.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          No reasons recorded.
        </Text>
      )}
    </Stack>
  );
}

export function CriteriaTable({ criteria, controls, root, expanded, onToggle, notApplicableReasons, proposed, actions }: CriteriaTableProps) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Criterion</Table.Th>
            <Table.Th scope="col" miw={170}>
              Status
            </Table.Th>
            <Table.Th scope="col" miw={200}>
              Controls
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {criteria.map((criterion) => {
            const open = expanded.has(criterion.id);
            const detailsId = `criterion-${criterion.id}-reasons`;
            return (
              <Fragment key={criterion.id}>
                <Table.Tr>
                  <Table.Th scope="row" fw="normal">
                    <UnstyledButton
                      onClick={() => onToggle(criterion.id)}
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={`${open ? 'Hide' : 'Show'} the reasons for ${criterion.id}`}
                      fw={600}
                      fz="sm"
                      className="mantine-focus-auto"
                    >
                      <span aria-hidden>{open ? '▾' : '▸'} </span>
                      {criterion.id}
                    </UnstyledButton>{' '}
                    <Text size="sm" span>
                      {criterion.title}
                    </Text>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Stack gap={4} align="flex-start">
                      <StatusBadge value={criterion.status} />
                      {proposed.has(criterion.id) ? (
                        <Badge color="gray" variant="outline" tt="none">
                          Not applicable: pending
                        </Badge>
                      ) : (
                        actions && <ApplicabilityAction criterion={criterion} actions={actions} />
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {criterion.controls.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No control addresses it
                      </Text>
                    ) : (
                      <Group gap={6}>
                        {criterion.controls.map((id) => (
                          <ControlBadge
                            key={id}
                            id={id}
                            control={controls.get(id)}
                            failing={criterion.failingControls.includes(id)}
                            root={root}
                          />
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={3} pl="lg">
                      <Details criterion={criterion} naReason={notApplicableReasons.get(criterion.id)} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
