/**
 * One finding, worked from top to bottom: what it is and how it is classified (the engine's forecast and the
 * auditor's judgment), the deviations behind it, its root cause, the corrective actions, the retests that prove
 * the fix, the lifecycle that closes it, and the management response the report gives for it. Every button shown is one the server allows: the same permission
 * table decides.
 */
import { Alert, SimpleGrid, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { ownsControl, useControl } from '../../api/controls.js';
import { useFinding } from '../../api/findings.js';
import { useScope } from '../../api/programme.js';
import { useRootCauses } from '../../api/root-causes.js';
import { useMe } from '../../api/session.js';
import { useCan } from '../../components/useRole.js';
import { ClassificationCard } from './ClassificationCard.js';
import { CorrectiveActionsCard } from './CorrectiveActionsCard.js';
import { DeviationsCard } from './DeviationsCard.js';
import { FindingHeader } from './FindingHeader.js';
import { LifecycleCard } from './LifecycleCard.js';
import { ManagementResponseCard } from './ManagementResponseCard.js';
import { RetestsCard } from './RetestsCard.js';
import { RootCauseCard } from './RootCauseCard.js';
import { SignificantIncidentCard } from './SignificantIncidentCard.js';
import { engagementRoot } from '../../paths.js';
import { PageLoader } from '../../components/QueryFallback.js';
import { SectionTrail } from '../../components/SectionTrail.js';
import { FindingRisks } from '../risks/FindingRisks.js';

export function FindingPage() {
  const { findingCode = '' } = useParams();
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const finding = useFinding(findingCode);
  const rootCauses = useRootCauses();
  const control = useControl(finding.data?.control ?? '');
  const me = useMe();
  const canManage = useCan('finding.manage');
  const canJudge = useCan('finding.judge');
  // An owner plans the corrective actions of the findings on its own controls.
  const owns = ownsControl(control.data, me.data?.user?.email);
  const canPlan = useCan('finding.remediate', owns);
  const reload = () => void finding.refetch();

  if (finding.isPending) {
    return <PageLoader label="Loading the finding" />;
  }
  if (finding.isError) {
    const missing = finding.error instanceof ApiError && finding.error.status === 404;
    return (
      <Stack>
        <SectionTrail root={root} section="findings" sectionTitle="Findings" item={findingCode} />
        <Alert color="red" title={missing ? `There is no finding ${findingCode} in this engagement` : 'The finding could not be loaded'}>
          {missing ? 'Its code may have changed in an import.' : finding.error.message}
        </Alert>
      </Stack>
    );
  }

  const current = finding.data;
  return (
    <Stack>
      <FindingHeader finding={current} root={root} />
      <SignificantIncidentCard finding={current} root={root} reload={reload} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ClassificationCard finding={current} canJudge={canJudge} reload={reload} />
        <DeviationsCard finding={current} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RootCauseCard finding={current} causes={rootCauses.data ?? []} canManage={canManage} reload={reload} />
        <LifecycleCard finding={current} canManage={canManage} reload={reload} />
      </SimpleGrid>
      <CorrectiveActionsCard finding={current} canPlan={canPlan} reload={reload} />
      <RetestsCard finding={current} canRecord={canManage} reload={reload} />
      <ManagementResponseCard finding={current.code} owns={owns} />
      <FindingRisks finding={current.code} root={root} />
    </Stack>
  );
}
