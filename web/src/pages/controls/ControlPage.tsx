/**
 * One control: what it is (criteria, owner, frequency, design, compensating links), the engine's conclusion
 * with its reasons and the findings raised on it, its test with the samples (results recorded here by whoever
 * records tests), and its history. Every button shown is one the server allows: the same permission table decides,
 * and an archived control (or engagement) is read-only.
 */
import { Alert, Anchor, Breadcrumbs, Center, Group, Loader, SimpleGrid, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ownsControl, reloadControl, useControl, useControls, useControlTest } from '../../api/controls.js';
import { useEngagement, useExamination, useScope } from '../../api/programme.js';
import { useMe } from '../../api/session.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useCan } from '../../components/useRole.js';
import { ControlFindings } from '../findings/ControlFindings.js';
import { ArchiveControl } from './ArchiveControl.js';
import { ConclusionCard } from './ConclusionCard.js';
import { ControlDetails } from './ControlDetails.js';
import { HistoryCard } from './HistoryCard.js';
import { TestCard } from './TestCard.js';
import { engagementRoot, sectionPage } from '../../paths.js';

export function ControlPage() {
  const { controlId = '' } = useParams();
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const control = useControl(controlId);
  const test = useControlTest(controlId);
  const controls = useControls();
  const examination = useExamination();
  const engagement = useEngagement();
  const me = useMe();
  const owns = ownsControl(control.data, me.data?.user?.email);
  const engagementArchived = Boolean(engagement.data?.archivedAt);
  const inUse = !control.data?.archivedAt;
  const canUpdate = useCan('control.update', owns) && inUse;
  const canRecord = useCan('test.record') && inUse;
  const canEvidence = useCan('evidence.manage', owns) && inUse;
  const canAudit = useCan('audit.read');
  const client = useQueryClient();
  const reload = () => void reloadControl(client, organizationId, engagementId, controlId);

  const trail = (
    <Breadcrumbs>
      <Anchor component={Link} to={sectionPage(root, 'controls')}>
        Controls
      </Anchor>
      <span>{controlId}</span>
    </Breadcrumbs>
  );
  if (control.isPending) {
    return (
      <Center mih={200}>
        <Loader aria-label="Loading the control" />
      </Center>
    );
  }
  if (control.isError) {
    const missing = control.error instanceof ApiError && control.error.status === 404;
    return (
      <Stack>
        {trail}
        <Alert color="red" title={missing ? `There is no control ${controlId} in this engagement` : 'The control could not be loaded'}>
          {missing ? 'It may have been purged, or its id changed in an import.' : control.error.message}
        </Alert>
      </Stack>
    );
  }

  const result = examination.data?.controls.find((c) => c.id === controlId);
  return (
    <Stack>
      {trail}
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {control.data.id} · {control.data.title}
          </Title>
          {result && <StatusBadge value={result.conclusion} size="lg" />}
        </Group>
        {!control.data.archivedAt && <ArchiveControl control={control.data} engagementArchived={engagementArchived} reload={reload} />}
      </Group>
      {control.data.archivedAt && <ArchiveControl control={control.data} engagementArchived={engagementArchived} reload={reload} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ControlDetails
          control={control.data}
          root={root}
          controls={controls.data ?? []}
          categories={engagement.data?.categories ?? []}
          canUpdate={canUpdate}
          reload={reload}
        />
        <ConclusionCard result={result} loading={examination.isPending} sampling={engagement.data?.sampling}>
          <ControlFindings
            controlId={controlId}
            deficient={examination.data?.deficiencies.some((d) => d.control === controlId) ?? false}
            root={root}
          />
        </ConclusionCard>
      </SimpleGrid>
      {test.isError ? (
        <Alert color="red" title="The test could not be loaded">
          {test.error.message}
        </Alert>
      ) : (
        <TestCard
          control={control.data}
          test={test.data}
          loading={test.isPending}
          can={{ record: canRecord, evidence: canEvidence }}
          root={root}
          reload={reload}
        />
      )}
      <HistoryCard controlId={controlId} canRead={canAudit} />
    </Stack>
  );
}
