/**
 * The dashboard of an engagement without controls: nothing to forecast yet, so it says what to do first: add the
 * starter controls, import a workspace as an engagement, or invite the people who do the work.
 */
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useScope } from '../../api/programme.js';
import { useAddStarterControls } from '../../api/setup.js';
import type { ExaminationResult } from '../../api/types.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SectionCard } from '../../components/SectionCard.js';
import { useCan } from '../../components/useRole.js';
import { sectionPage, setupPage } from '../../paths.js';
import { NO_ANSWERS } from '../setup/setup-form.js';
import { StarterQuestions } from '../setup/StarterQuestions.js';

export function EmptyEngagement({ result, root }: { result: Pick<ExaminationResult, 'organization' | 'system'>; root: string }) {
  const { organizationId, engagementId } = useScope();
  const manageControls = useCan('control.manage');
  const startEngagements = useCan('engagement.manage');
  const invite = useCan('member.manage');
  const add = useAddStarterControls(organizationId, engagementId);
  const [answers, setAnswers] = useState(NO_ANSWERS);

  return (
    <Stack gap="lg">
      <PageHeading title="Dashboard">
        {result.organization} · {result.system}
      </PageHeading>
      <SectionCard title="What to do first" size="h3">
        <Text size="sm">This engagement has no controls yet, so there is nothing to examine.</Text>
        {manageControls ? (
          <Stack gap="sm">
            <Text fw={500} size="sm">
              Add controls from the starter set
            </Text>
            <Text size="sm" c="dimmed">
              Every criterion of the engagement’s categories gets at least one control; adjust them on the Controls page afterwards.
            </Text>
            <StarterQuestions answers={answers} onChange={setAnswers} />
            <Group>
              <Button
                loading={add.isPending}
                onClick={() =>
                  add.mutate(answers, {
                    onSuccess: (started) => notifySaved(`${started.controls.length} starter controls added.`),
                    onError: (error) => notifyError(error),
                  })
                }
              >
                Add starter controls
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            An admin or the compliance lead adds the controls.
          </Text>
        )}
        <Group>
          {startEngagements && (
            <Button component={Link} to={setupPage(organizationId)} variant="default">
              Import a workspace as an engagement
            </Button>
          )}
          {invite && (
            <Button component={Link} to={`${sectionPage(root, 'settings')}?tab=members`} variant="default">
              Invite people
            </Button>
          )}
        </Group>
      </SectionCard>
    </Stack>
  );
}
