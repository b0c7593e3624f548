/**
 * Records a selection as the control's test (test.record), within what the person may do to its population: the
 * selection is added as samples not yet tested; starting over is a separate, confirmed step (see record.ts).
 */
import { Alert, Anchor, Button, Card, Group, List, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { TEST_METHODS, type TestMethod } from '@assay/domain/engagement.js';
import { ownsControl, useControlTest, usePutTest, type ListedControl, type TestInput } from '../../api/controls.js';
import { useMe } from '../../api/session.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { recordPlan, type StartOver } from './record.js';
import { controlPage } from '../../paths.js';
import { textLimit } from '../../components/text-limit.js';
import { MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { optionsOf } from '../../labels.js';

/** The confirmation of starting over: what a replacement drops, or what the history keeps and why a new version. */
function StartOverModal(props: {
  controlId: string;
  startOver: StartOver;
  selected: number;
  saving: boolean;
  onCancel: () => void;
  onConfirm: (reason: string | null) => void;
}) {
  const { startOver } = props;
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const replace = startOver.kind === 'replace';
  return (
    <Modal opened onClose={props.onCancel} title={replace ? `Replace the test of ${props.controlId}?` : `Start a new test version of ${props.controlId}`}>
      <Stack>
        {replace ? (
          <Text size="sm">
            The test holds no recorded result. Replacing it with this selection drops {startOver.loses}.
          </Text>
        ) : (
          <>
            <Text size="sm">
              The current test, with its {startOver.keeps} and their notes, stays in the control’s history. The new version starts with
              the {props.selected} selected samples, none tested yet, and the control counts as not tested until their results are recorded.
            </Text>
            <Textarea
              label="Why a new test version"
              withAsterisk
              autosize
              minRows={2}
              data-autofocus
              value={reason}
              error={missing ? 'Say why the test starts over: it goes into the control’s history' : undefined}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setMissing(false);
              }}
              {...textLimit(reason, MAX_TEXT_LENGTH)}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button
            color={replace ? 'red' : undefined}
            loading={props.saving}
            onClick={() => {
              if (replace) return props.onConfirm(null);
              if (reason.trim() === '') return setMissing(true);
              props.onConfirm(reason.trim());
            }}
          >
            {replace ? `Replace, dropping ${startOver.loses}` : 'Start the new version'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function RecordSelection(props: {
  control: ListedControl | undefined;
  items: readonly string[];
  populationSize: number;
  /** Why the selection may not be recorded as it is (inputs changed since), or null. */
  blocked: string | null;
  root: string;
}) {
  const { control } = props;
  const me = useMe();
  const canEvidence = useCan('evidence.manage', ownsControl(control, me.data?.user?.email));
  const test = useControlTest(control?.id ?? null);
  const put = usePutTest();
  const [method, setMethod] = useState<TestMethod | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!control) {
    return (
      <Text c="dimmed" size="sm">
        Pick the control above to record this selection as its test.
      </Text>
    );
  }
  if (test.isPending) return <Text size="sm">Reading the test of {control.id}…</Text>;
  if (test.isError) return <Alert color="red">{test.error.message}</Alert>;

  const chosenMethod = method ?? test.data?.method ?? 'inspection';
  const plan = recordPlan({ test: test.data, populationSize: props.populationSize, items: props.items, method: chosenMethod, canEvidence });
  const reason = props.blocked ?? (plan.ok ? null : plan.reason);
  const startOver = props.blocked === null ? plan.startOver : null;
  const record = (request: TestInput, done: string) =>
    put.mutate(
      { controlId: control.id, test: request },
      {
        onSuccess: () => {
          notifySaved(done);
          setRecorded(control.id);
          setConfirming(false);
        },
        onError: (error) => notifyError(error, () => void test.refetch()),
      },
    );

  return (
    <Card withBorder component="section" aria-labelledby="record-selection">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-selection">
          Record as the test of {control.id}
        </Title>
        <Select
          label="Test method"
          allowDeselect={false}
          data={optionsOf(TEST_METHODS)}
          value={chosenMethod}
          onChange={(value) => value && setMethod(value as TestMethod)}
          w={220}
        />
        {plan.ok && plan.notes.length > 0 && (
          <List size="sm" spacing={4}>
            {plan.notes.map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        )}
        {reason && (
          <Alert color="yellow" title="Cannot record this selection">
            {reason}
          </Alert>
        )}
        <Group>
          <Button
            disabled={reason !== null}
            loading={put.isPending && !confirming}
            onClick={() => {
              if (!plan.ok) return;
              const added = (plan.test.untested?.length ?? 0) - (test.data?.untested.length ?? 0);
              record(plan.test, `${added} ${added === 1 ? 'sample' : 'samples'} added to the test of ${control.id}, not yet tested`);
            }}
          >
            {test.data ? "Add to the control's test" : "Record as the control's test"}
          </Button>
          {startOver && (
            <Button variant="default" onClick={() => setConfirming(true)}>
              {startOver.kind === 'replace' ? 'Replace the test…' : 'Start a new test version…'}
            </Button>
          )}
          {recorded === control.id && (
            <Anchor component={Link} to={controlPage(props.root, control.id)}>
              Record each sample’s result on the page of {control.id}
            </Anchor>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          The samples are recorded as not yet tested: record each one’s result, and a note for each deviation, on the control page.
          Recorded results are never replaced from here.
        </Text>
      </Stack>
      {confirming && startOver && (
        <StartOverModal
          controlId={control.id}
          startOver={startOver}
          selected={props.items.length}
          saving={put.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={(why) =>
            record(
              { ...startOver.test, reason: why },
              startOver.kind === 'replace' ? `The test of ${control.id} is replaced` : `A new test version of ${control.id} is started`,
            )
          }
        />
      )}
    </Card>
  );
}
