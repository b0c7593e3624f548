/**
 * The first engagement of an organisation: from the starter control set (the engagement's settings and a few
 * questions), or a workspace folder uploaded as a zip. Either opens the engagement's dashboard.
 */
import { Button, FileInput, Group, Stack, Tabs, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { MAX_WORKSPACE_ZIP_BYTES } from '@assay/contract/limits.js';
import { ApiError, type Problem } from '../../api/client.js';
import { useImportWorkspaceZip, useStartEngagement } from '../../api/setup.js';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.js';
import { SectionCard } from '../../components/SectionCard.js';
import { engagementRoot } from '../../paths.js';
import { placeIssues } from '../../api/problem.js';
import { changesOf, ENGAGEMENT_FIELD_ALIASES, validateEngagement, type EngagementFormValues } from '../settings/engagement-form.js';
import { EngagementFieldset } from '../settings/EngagementSections.js';
import { firstEngagementValues, NO_ANSWERS } from './setup-form.js';
import { StarterQuestions } from './StarterQuestions.js';

const ZIP_MB = MAX_WORKSPACE_ZIP_BYTES / (1024 * 1024);

/** The server's words, and the issues no field shows (a zip's `file:line` problems among them). */
function problemOf(error: Error, other: string[] = []): FormProblem {
  const issues = error instanceof ApiError ? (error.problem?.issues ?? []) : [];
  return { message: error.message, details: other.length > 0 ? other : issues.map((i) => `${i.location}: ${i.message}`) };
}

/** The settings' issues are located under `$.engagement`: placed on the form's fields as the settings page places them. */
function settingsProblem(problem: Problem | null): Problem | null {
  return problem && { ...problem, issues: problem.issues?.map((i) => ({ ...i, location: i.location.replace(/^\$\.engagement/, '$') })) };
}

function FromStarterSet({ organizationId }: { organizationId: string }) {
  const navigate = useNavigate();
  const start = useStartEngagement(organizationId);
  const [answers, setAnswers] = useState(NO_ANSWERS);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<EngagementFormValues>({ initialValues: firstEngagementValues(new Date()), validate: validateEngagement });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    start.mutate(
      { engagement: { ...changesOf(values), name: values.name.trim(), system: values.system.trim(), reportType: values.reportType, periodEnd: values.periodEnd }, answers },
      {
        onSuccess: (started) => navigate(engagementRoot(organizationId, started.engagement.id)),
        onError: (error) => {
          const placed = error instanceof ApiError ? placeIssues(settingsProblem(error.problem), Object.keys(values), ENGAGEMENT_FIELD_ALIASES) : { errors: {}, other: [] };
          form.setErrors(placed.errors);
          setProblem(problemOf(error, placed.other));
        },
      },
    );
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <EngagementFieldset form={form} editable />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            Tailor the starter controls
          </Text>
          <Text size="sm" c="dimmed">
            Every criterion of the chosen categories starts with at least one control; you adjust them afterwards.
          </Text>
          <StarterQuestions answers={answers} onChange={setAnswers} />
        </Stack>
        {problem && <ProblemAlert title="The engagement was not created" problem={problem} />}
        <Group justify="flex-end">
          <Button type="submit" loading={start.isPending}>
            Create engagement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FromWorkspaceZip({ organizationId }: { organizationId: string }) {
  const navigate = useNavigate();
  const upload = useImportWorkspaceZip(organizationId);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const tooLarge = file !== null && file.size > MAX_WORKSPACE_ZIP_BYTES;
  const send = () => {
    if (file === null || tooLarge) return;
    setProblem(null);
    upload.mutate(file, {
      onSuccess: (imported) => navigate(engagementRoot(organizationId, imported.engagement.id)),
      onError: (error) => setProblem(problemOf(error)),
    });
  };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        A workspace folder (assay.yaml, controls/, tests/, findings/…) zipped whole. It becomes a new engagement; an
        engagement of the same name is never replaced.
      </Text>
      <FileInput
        label="Workspace zip"
        description={`At most ${ZIP_MB} MB`}
        accept=".zip,application/zip"
        clearable
        value={file}
        onChange={(chosen) => {
          setFile(chosen);
          setProblem(null);
        }}
        error={tooLarge ? `This file is larger than ${ZIP_MB} MB` : null}
      />
      {problem && <ProblemAlert title="The workspace was not imported" problem={problem} />}
      <Group justify="flex-end">
        <Button onClick={send} disabled={file === null || tooLarge} loading={upload.isPending}>
          Import workspace
        </Button>
      </Group>
    </Stack>
  );
}

export function StartEngagement({ organizationId }: { organizationId: string }) {
  return (
    <SectionCard title="2. The first engagement">
      <Tabs defaultValue="starter" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="starter">From the starter set</Tabs.Tab>
          <Tabs.Tab value="zip">Import a workspace</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="starter" pt="md">
          <FromStarterSet organizationId={organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="zip" pt="md">
          <FromWorkspaceZip organizationId={organizationId} />
        </Tabs.Panel>
      </Tabs>
    </SectionCard>
  );
}
