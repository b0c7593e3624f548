/**
 * Records a selection as the control's test (test.record), within what the person may do to its population: the
 * selection is added as samples not yet tested; starting over is a separate, confirmed step (see record.ts). A test
 * that holds results is never offered as replaced: its new version is the action. Every action disabled says why
 * beside it (the API's own reason), and so does a refusal the API sends back.
 */
import { Alert, Anchor, Button, Card, Group, List, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { TEST_METHODS, type TestMethod } from '@assay/domain/engagement.js';
import { ownsControl, useControlTest, usePutTest, type ListedControl, type TestInput } from '../../api/controls.js';
import { useMe } from '../../api/session.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan, useRole } from '../../components/useRole.js';
import { ApiError } from '../../api/client.js';
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

/** An action and, while it is disabled, why: beside it, and as its accessible description. */
function WithReason(props: { reason: string | null; children: (describedBy: string | undefined) => ReactNode }) {
  const id = useId();
  return (
    <Group gap="sm" align="flex-start">
      {props.children(props.reason ? id : undefined)}
      {/* Beside the button where there is room for a readable line, under it on a phone. */}
      {props.reason && (
        <Text id={id} size="sm" c="dimmed" style={{ flex: '1 1 14rem' }}>
          {props.reason}
        </Text>
      )}
    </Group>
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
  const role = useRole();
  const test = useControlTest(control?.id ?? null);
  const put = usePutTest();
  const [method, setMethod] = useState<TestMethod | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The API's refusal of the last recording, shown beside the actions until the next one. */
  const [refused, setRefused] = useState<{ control: string; message: string } | null>(null);

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
  const plan = recordPlan({ test: test.data, populationSize: props.populationSize, items: props.items, method: chosenMethod, canEvidence, role });
  const reason = props.blocked ?? (plan.ok ? null : plan.reason);
  const startOver = plan.startOver?.kind === 'replace' && props.blocked !== null ? null : plan.startOver;
  const record = (request: TestInput, done: string) => {
    setRefused(null);
    put.mutate(
      { controlId: control.id, test: request },
      {
        onSuccess: () => {
          notifySaved(done);
          setRecorded(control.id);
          setConfirming(false);
        },
        onError: (error) => {
          if (error instanceof ApiError && (error.status === 409 || error.status === 403)) setRefused({ control: control.id, message: error.message });
          notifyError(error, () => void test.refetch());
        },
      },
    );
  };

  return (
    <Card withBorder component="section" aria-labelledby="record-selection">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-selection">
          {test.data ? `Add to the test of ${control.id}` : `Record as the test of ${control.id}`}
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
        <Stack gap="xs">
          <WithReason reason={reason}>
            {(describedBy) => (
              <Button
                disabled={reason !== null}
                aria-describedby={describedBy}
                loading={put.isPending && !confirming}
                onClick={() => {
                  if (!plan.ok) return;
                  const added = (plan.test.untested?.length ?? 0) - (test.data?.untested.length ?? 0);
                  record(plan.test, `${added} ${added === 1 ? 'sample' : 'samples'} added to the test of ${control.id}, not yet tested`);
                }}
              >
                {test.data ? "Add to the control's test" : "Record as the control's test"}
              </Button>
            )}
          </WithReason>
          {startOver?.kind === 'replace' && (
            <Group>
              <Button variant="default" onClick={() => setConfirming(true)}>
                Replace the test…
              </Button>
            </Group>
          )}
          {startOver?.kind === 'new-version' && (
            <>
              <WithReason reason={props.blocked ?? startOver.refusal}>
                {(describedBy) => (
                  <Button variant="default" disabled={(props.blocked ?? startOver.refusal) !== null} aria-describedby={describedBy} onClick={() => setConfirming(true)}>
                    Start a new test version…
                  </Button>
                )}
              </WithReason>
              <WithReason reason={startOver.replaceRefused}>
                {(describedBy) => (
                  <Button variant="default" disabled aria-describedby={describedBy}>
                    Replace the test
                  </Button>
                )}
              </WithReason>
            </>
          )}
          {refused?.control === control.id && (
            <Alert color="red" title="Not recorded">
              {refused.message}
            </Alert>
          )}
          {recorded === control.id && (
            <Anchor component={Link} to={controlPage(props.root, control.id)}>
              Record each sample’s result on the page of {control.id}
            </Anchor>
          )}
        </Stack>
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
