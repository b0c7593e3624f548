/**
 * The engagement's findings: a table filtered by status (kept in the address), each finding a link to its page.
 * Those who manage findings create them here, from the examination's deficiencies or by hand.
 */
import { Button, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate, useSearchParams } from 'react-router';
import { FINDING_STATUSES, type FindingStatus } from '@assay/domain/findings/model.js';
import { useControls } from '../../api/controls.js';
import { useCreateFinding, useFindings, useSyncFindings } from '../../api/findings.js';
import { useExamination, useScope } from '../../api/programme.js';
import { useRootCauses } from '../../api/root-causes.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { FindingsTable } from './FindingsTable.js';
import { NewFindingForm } from './NewFindingForm.js';
import { saving } from '../../components/saving.js';
import { engagementRoot, findingPage } from '../../paths.js';
import { optionsOf, statusLabel } from '../../labels.js';
import { pageFallback } from '../../components/QueryFallback.js';
import { counted } from '@assay/domain/words.js';

function statusOf(params: URLSearchParams): FindingStatus | null {
  const status = params.get('status');
  return (FINDING_STATUSES as readonly string[]).includes(status ?? '') ? (status as FindingStatus) : null;
}

export function FindingsPage() {
  const { organizationId, engagementId } = useScope();
  const root = engagementRoot(organizationId, engagementId);
  const [params, setParams] = useSearchParams();
  const status = statusOf(params);
  const findings = useFindings(status);
  const rootCauses = useRootCauses();
  const controls = useControls();
  const examination = useExamination();
  const canManage = useCan('finding.manage');
  const sync = useSyncFindings();
  const create = useCreateFinding();
  const navigate = useNavigate();
  const [creating, creator] = useDisclosure(false);

  const syncFindings = () =>
    sync.mutate(undefined, {
      onSuccess: ({ created, reopened }) =>
        notifySaved(
          created.length + reopened.length === 0
            ? 'Every deficiency of the examination has its finding already'
            : [created.length > 0 && `${counted(created.length, 'finding')} created`, reopened.length > 0 && `${reopened.length} reopened`].filter(Boolean).join(', '),
        ),
      onError: (error) => notifyError(error),
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Findings
        </Title>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" onClick={syncFindings} loading={sync.isPending}>
              Create findings from the examination
            </Button>
            <Button onClick={creator.open}>New finding</Button>
          </Group>
        )}
      </Group>
      <Select
        label="Status"
        w={220}
        placeholder="Every status"
        clearable
        data={optionsOf(FINDING_STATUSES)}
        value={status}
        onChange={(value) => setParams(value ? { status: value } : {}, { replace: true })}
      />
      {!findings.isSuccess ? (
        pageFallback(findings, { loading: 'Loading the findings', failed: 'The findings could not be loaded' })
      ) : findings.data.length === 0 ? (
        <Text c="dimmed">
          {status ? `No finding is ${statusLabel(status)}.` : 'No findings yet: create them from the examination, or write one by hand.'}
        </Text>
      ) : (
        <FindingsTable findings={findings.data} rootCauses={rootCauses.data ?? []} root={root} />
      )}
      <Modal opened={creating} onClose={creator.close} title="New finding" size="lg">
        <NewFindingForm
          controls={controls.data ?? []}
          criteria={(examination.data?.criteria ?? []).filter((c) => c.status !== 'not_applicable').map((c) => c.id)}
          onCancel={creator.close}
          onSubmit={(finding) =>
            saving(create.mutateAsync(finding), (created) => `Finding ${created.code} created`).then((created) => {
              creator.close();
              void navigate(findingPage(root, created.code));
            })
          }
        />
      </Modal>
    </Stack>
  );
}
