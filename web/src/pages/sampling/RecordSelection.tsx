/** Records a selection as the control's test (test.record), within what the person may do to its population. */
import { Alert, Anchor, Button, Card, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { TEST_METHODS, type TestMethod } from '@assay/domain/engagement.js';
import { ownsControl, useControlTest, usePutTest, type ListedControl } from '../../api/controls.js';
import { useMe } from '../../api/session.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { recordPlan } from './record.js';
import { controlPage } from '../../paths.js';

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

  return (
    <Card withBorder component="section" aria-labelledby="record-selection">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-selection">
          Record as the test of {control.id}
        </Title>
        <Select
          label="Test method"
          allowDeselect={false}
          data={[...TEST_METHODS]}
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
            loading={put.isPending}
            onClick={() => {
              if (!plan.ok) return;
              put.mutate(
                { controlId: control.id, test: plan.test },
                {
                  onSuccess: () => {
                    notifySaved(`${props.items.length} samples recorded as the test of ${control.id}`);
                    setRecorded(control.id);
                  },
                  onError: (error) => notifyError(error, () => void test.refetch()),
                },
              );
            }}
          >
            Record as the control's test
          </Button>
          {recorded === control.id && (
            <Anchor component={Link} to={controlPage(props.root, control.id)}>
              Record each sample’s result on the page of {control.id}
            </Anchor>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Each sample is recorded as passed; record the failures and notes on the control page.
        </Text>
      </Stack>
    </Card>
  );
}
