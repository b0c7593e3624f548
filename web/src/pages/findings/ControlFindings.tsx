/**
 * On a control's page: the findings on the control, each a link; or, when the examination has a deficiency of
 * the control and no finding is on it yet, a button that raises the finding the engine derives for it.
 */
import { Anchor, Button, Group, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useControlFindings, useCreateFinding } from '../../api/findings.js';
import { useCan } from '../../components/useRole.js';
import { FindingStatusBadge } from './FindingStatusBadge.js';
import { saving } from '../../components/saving.js';
import { findingPage } from '../../paths.js';

export function ControlFindings(props: { controlId: string; deficient: boolean; root: string }) {
  const findings = useControlFindings(props.controlId);
  const canManage = useCan('finding.manage');
  const create = useCreateFinding();
  const navigate = useNavigate();

  if (!findings.data) return null;
  if (findings.data.length > 0) {
    return (
      <Group gap="sm">
        {findings.data.map((finding) => (
          <Group key={finding.code} gap={6}>
            <Anchor component={Link} to={findingPage(props.root, finding.code)}>
              Finding {finding.code}
            </Anchor>
            <FindingStatusBadge status={finding.status} size="sm" />
          </Group>
        ))}
      </Group>
    );
  }
  if (!props.deficient) return null;
  if (!canManage) return <Text size="sm" c="dimmed">No finding has been raised for this deficiency yet.</Text>;
  return (
    <Button
      w="fit-content"
      loading={create.isPending}
      onClick={() =>
        void saving(create.mutateAsync({ source: 'deficiency', control: props.controlId }), (created) => `Finding ${created.code} raised`).then(
          (created) => navigate(findingPage(props.root, created.code)),
          () => undefined,
        )
      }
    >
      Raise a finding
    </Button>
  );
}
