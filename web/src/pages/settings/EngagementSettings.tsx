/**
 * The engagement's settings: what the engine reads to conclude (report type, period, categories, sampling,
 * pervasiveness, description misstatements). Editable with `engagement.manage` while the engagement is in use,
 * read-only otherwise; below them, archiving the engagement (or restoring it).
 */
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useEngagement, useScope, type Engagement } from '../../api/programme.js';
import { useUpdateEngagement } from '../../api/settings.js';
import { notifyError, notifySaved } from '../../components/notify.js';
import { useCan } from '../../components/useRole.js';
import { ArchiveEngagement } from './ArchiveEngagement.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  changesOf,
  MAX_MISSTATEMENTS,
  placeIssues,
  validateEngagement,
  valuesOf,
  withSecurity,
  type EngagementFormValues,
} from './engagement-form.js';

export function EngagementSettings() {
  const engagement = useEngagement();
  if (engagement.isPending) return <Loader aria-label="Loading the engagement" />;
  if (engagement.isError) {
    return (
      <Alert color="red" role="alert" title="The engagement could not be loaded">
        {engagement.error.message}
      </Alert>
    );
  }
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
  const { organizationId, engagementId } = useScope();
  const editable = useCan('engagement.manage');
  const update = useUpdateEngagement(organizationId, engagementId);
  const [problem, setProblem] = useState<{ message: string; details: string[]; conflict: boolean } | null>(null);
  const form = useForm<EngagementFormValues>({ initialValues: valuesOf(engagement), validate: validateEngagement });
  const type2 = form.values.reportType === 'type2';

  const submit = (values: EngagementFormValues) => {
    setProblem(null);
    update.mutate(
      { version: engagement.version, changes: changesOf(values) },
      {
        onSuccess: () => notifySaved('Engagement settings saved; the forecast is recomputed.'),
        onError: (error) => {
          const conflict = error instanceof ApiError && error.status === 409;
          if (conflict) notifyError(error, reload);
          const placed = error instanceof ApiError ? placeIssues(error.problem, Object.keys(values)) : { errors: {}, other: [] };
          form.setErrors(placed.errors);
          setProblem({ message: error.message, details: placed.other, conflict });
        },
      },
    );
  };

  return (
    <form onSubmit={form.onSubmit(submit)} aria-label="Engagement settings" noValidate>
      <Stack maw={760}>
        {!editable && engagement.archivedAt === null && (
          <Alert color="gray" title="Read-only">
            Your role can read these settings. An admin or the compliance lead changes them.
          </Alert>
        )}
        {problem && (
          <Alert color="red" role="alert" title={problem.conflict ? 'Changed by someone else' : 'Not saved'}>
            <Stack gap="xs">
              <Text size="sm">{problem.message}</Text>
              {problem.details.map((d) => (
                <Text size="sm" key={d}>
                  {d}
                </Text>
              ))}
              {problem.conflict && (
                <Group>
                  <Button size="xs" variant="light" onClick={reload}>
                    Reload
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <Fieldset legend="Engagement" disabled={!editable}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Engagement name" withAsterisk={editable} {...form.getInputProps('name')} />
            <TextInput label="System" withAsterisk={editable} {...form.getInputProps('system')} />
          </SimpleGrid>
          <Radio.Group label="Report type" mt="md" {...form.getInputProps('reportType')}>
            <Group mt="xs">
              <Radio value="type1" label="Type 1 (design as of a date)" />
              <Radio value="type2" label="Type 2 (design and operation over a period)" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
            {type2 && <TextInput type="date" label="Period start" withAsterisk={editable} {...form.getInputProps('periodStart')} />}
            <TextInput type="date" label={type2 ? 'Period end' : 'As of'} withAsterisk={editable} {...form.getInputProps('periodEnd')} />
          </SimpleGrid>
          <Checkbox.Group
            label="Categories"
            description="Security is always in scope."
            mt="md"
            {...form.getInputProps('categories')}
            onChange={(value) => form.setFieldValue('categories', withSecurity(value.filter((v) => (CATEGORIES as readonly string[]).includes(v)) as EngagementFormValues['categories']))}
          >
            <Group mt="xs">
              {CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={CATEGORY_LABELS[c]} disabled={c === 'security' || !editable} />
              ))}
            </Group>
          </Checkbox.Group>
        </Fieldset>

        <Fieldset legend="Sampling" disabled={!editable}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Confidence"
              description="One-sided confidence of the upper deviation limit, e.g. 0.90"
              min={0}
              max={1}
              step={0.01}
              decimalScale={4}
              {...form.getInputProps('confidence')}
            />
            <NumberInput
              label="Tolerable rate"
              description="The highest deviation rate still relied on, e.g. 0.10"
              min={0}
              max={1}
              step={0.01}
              decimalScale={4}
              {...form.getInputProps('tolerableRate')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Pervasiveness" disabled={!editable}>
          <Text size="sm" c="dimmed" mb="xs">
            A set of criteria is pervasive when it spans at least this many series, or holds at least this share of the
            in-scope criteria.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label="Minimum series" min={1} max={30} step={1} allowDecimal={false} {...form.getInputProps('minSeries')} />
            <NumberInput label="Minimum share" min={0} max={1} step={0.05} decimalScale={4} {...form.getInputProps('minShare')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Description misstatements" disabled={!editable}>
          <Stack gap="sm">
            {form.values.misstatements.length === 0 && (
              <Text size="sm" c="dimmed">
                None: the description of the system is fairly presented.
              </Text>
            )}
            {form.values.misstatements.map((_, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <Textarea
                  label={`Misstatement ${index + 1}`}
                  rows={2}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`misstatements.${index}.text`)}
                />
                <Checkbox
                  label="Pervasive"
                  mt={30}
                  {...form.getInputProps(`misstatements.${index}.pervasive`, { type: 'checkbox' })}
                />
                {editable && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    aria-label={`Remove misstatement ${index + 1}`}
                    onClick={() => form.removeListItem('misstatements', index)}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
            ))}
            {editable && (
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  disabled={form.values.misstatements.length >= MAX_MISSTATEMENTS}
                  onClick={() => form.insertListItem('misstatements', { text: '', pervasive: false })}
                >
                  Add misstatement
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        {editable && (
          <Group>
            <Button type="submit" loading={update.isPending}>
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
