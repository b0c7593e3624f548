/**
 * The control's test: its method, population (or scope limitation), the sample size the rules ask for, and its
 * samples. Test work (method, samples, results) is for `test.record`; the population is the organisation's
 * evidence (`evidence.manage`): the auditor sees why it cannot change it.
 */
import { Alert, Button, Card, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { requiredSampleSize } from '@assay/domain/sampling/frequency.js';
import {
  useAddSample,
  usePutTest,
  useSetPopulation,
  type Control,
  type ControlTest,
} from '../../api/controls.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { AddSampleForm } from './AddSampleForm.js';
import { Facts } from './Facts.js';
import { SamplesTable } from './SamplesTable.js';
import { TestForm } from './TestForm.js';
import { UntestedSamples } from './UntestedSamples.js';
import { mayEditTest, testRequest, type TestPermissions } from './test-form.js';
import { samplingPage } from '../../paths.js';
import { frequencyLabel } from '../../labels.js';

/** The size the frequency table asks for, in words (an event-driven control needs its population first). */
function requiredSize(control: Control, test: ControlTest): string {
  const size = requiredSampleSize(control.frequency, test.populationSize);
  const frequency = frequencyLabel(control.frequency).toLowerCase();
  if (size === null) return `set by the population size (${frequency})`;
  return `${size} (${frequency}${test.populationSize === null ? '' : `, population of ${test.populationSize}`})`;
}

export function TestCard(props: {
  control: Control;
  test: ControlTest | null | undefined;
  loading: boolean;
  can: TestPermissions;
  root: string;
  reload: () => void;
}) {
  const { control, test, can } = props;
  const [editing, setEditing] = useState(false);
  /** The item whose result is being recorded: '' for a new item, else one selected but not yet tested. */
  const [adding, setAdding] = useState<string | null>(null);
  const putTest = usePutTest();
  const setPopulation = useSetPopulation();
  const addSample = useAddSample();
  const fail = (error: unknown) => {
    notifyError(error, props.reload);
    throw error;
  };

  const failed = test?.samples.filter((s) => s.result === 'fail').length ?? 0;
  return (
    <Card withBorder component="section" aria-labelledby="control-test">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="control-test">
            Test
          </Title>
          <Group gap="xs">
            {can.record && (
              <Button size="xs" variant="subtle" component={Link} to={samplingPage(props.root, control.id)}>
                Select a sample
              </Button>
            )}
            {test !== undefined && mayEditTest(test, can) && (
              <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                {test ? 'Edit test' : 'Record test'}
              </Button>
            )}
            {test && can.record && (
              <Button size="xs" onClick={() => setAdding('')}>
                Add sample
              </Button>
            )}
          </Group>
        </Group>

        {props.loading ? (
          <Loader size="sm" aria-label="Loading the test" />
        ) : !test ? (
          <Text c="dimmed">
            No test recorded yet.
            {can.record && !can.evidence && ' Its population is evidence the organisation provides: compliance records the test with it first.'}
          </Text>
        ) : (
          <>
            <Facts
              items={[
                ['Method', test.method],
                ['Population size', test.populationSize ?? 'not produced'],
                ['Required sample size', requiredSize(control, test)],
                ['Samples tested', `${test.samples.length}${failed > 0 ? ` (${failed} failed)` : ''}`],
                ...(test.untested.length > 0 ? [['Not yet tested', test.untested.length] as [string, number]] : []),
              ]}
            />
            {test.scopeLimitation && (
              <Alert color="grape" title="Scope limitation">
                {test.scopeLimitation}
              </Alert>
            )}
            {can.record && !can.evidence && (
              <Text size="sm" c="dimmed">
                The population is evidence the organisation provides: you test it as it stands, and compliance or the
                control’s owner changes it.
              </Text>
            )}
            <SamplesTable test={test} controlId={control.id} canRecord={can.record} reload={props.reload} />
            <UntestedSamples test={test} canRecord={can.record} onRecord={setAdding} />
          </>
        )}
      </Stack>

      <Modal opened={editing} onClose={() => setEditing(false)} title={test ? `Edit the test of ${control.id}` : `Record the test of ${control.id}`}>
        {test !== undefined && (
          <TestForm
            test={test}
            can={can}
            onCancel={() => setEditing(false)}
            onSubmit={async (values) => {
              const request = testRequest(test, values, can);
              if (request.kind === 'put') await putTest.mutateAsync({ controlId: control.id, test: request.test }).catch(fail);
              if (request.kind === 'population') {
                const { version, evidence } = request;
                await setPopulation.mutateAsync({ controlId: control.id, version, evidence }).catch(fail);
              }
              if (request.kind !== 'none') notifySaved(`The test of ${control.id} is saved`);
              setEditing(false);
            }}
          />
        )}
      </Modal>

      <Modal
        opened={adding !== null}
        onClose={() => setAdding(null)}
        title={adding ? `Record the result of ${adding}` : `Add a sample to ${control.id}`}
      >
        {test && adding !== null && (
          <AddSampleForm
            test={test}
            item={adding}
            onCancel={() => setAdding(null)}
            onSubmit={async (sample) => {
              await addSample.mutateAsync({ controlId: control.id, sample }).catch(fail);
              notifySaved(adding ? `The result of ${sample.item} is recorded` : `Sample ${sample.item} added`);
              setAdding(null);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}
