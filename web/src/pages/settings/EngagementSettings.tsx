/**
 * The engagement's settings: what the engine reads to conclude (report type, period, categories, sampling,
 * pervasiveness, description misstatements). Editable with `engagement.manage` while the engagement is in use,
 * read-only otherwise; below them, archiving the engagement (or restoring it).
 */
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useEngagement, type Engagement } from '../../api/programme.js';
import { queryFallback } from '../../components/QueryFallback.js';
import { ArchiveEngagement } from './ArchiveEngagement.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { EngagementFieldset, MisstatementsFieldset, PervasivenessFieldset, SamplingFieldset } from './EngagementSections.js';
import { useEngagementForm } from './useEngagementForm.js';

export function EngagementSettings() {
  const engagement = useEngagement();
  if (!engagement.isSuccess) return queryFallback(engagement, { loading: 'Loading the engagement', failed: 'The engagement could not be loaded' });
  const reload = () => void engagement.refetch();
  // A new version (saved here, or reloaded after someone else's change) starts the form afresh from it.
  return (
    <Stack maw={760}>
      <EngagementForm key={engagement.data.version} engagement={engagement.data} reload={reload} />
      <ArchiveEngagement engagement={engagement.data} reload={reload} />
    </Stack>
  );
}

function EngagementForm({ engagement, reload }: { engagement: Engagement; reload: () => void }) {
  const { form, editable, saving, submit, problem } = useEngagementForm(engagement, reload);
  return (
    <form onSubmit={form.onSubmit(submit)} aria-label="Engagement settings" noValidate>
      <Stack maw={760}>
        {!editable && engagement.archivedAt === null && (
          <Alert color="gray" title="Read-only">
            Your role can read these settings. An admin or the compliance lead changes them.
          </Alert>
        )}
        {problem && <ProblemAlert title={problem.conflict ? 'Changed by someone else' : 'Not saved'} problem={problem} {...(problem.conflict && { reload })} />}
        <EngagementFieldset form={form} editable={editable} />
        <SamplingFieldset form={form} editable={editable} />
        <PervasivenessFieldset form={form} editable={editable} />
        <MisstatementsFieldset form={form} editable={editable} />
        {editable && (
          <Group>
            <Button type="submit" loading={saving}>
              Save settings
            </Button>
            <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
              Discard changes
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
