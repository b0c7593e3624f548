/**
 * Opening the next period from this one (for the roles that manage engagements): a new engagement with the
 * controls and how each is tested carried forward, no evidence; then its dashboard.
 */
import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { MAX_NAME_LENGTH } from '@assay/contract/limits.js';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useOpenNextPeriod } from '../../api/periods.js';
import { refusalOf } from '../../api/problem.js';
import type { Engagement } from '../../api/programme.js';
import { notifySaved } from '../../components/notify.js';
import { ProblemAlert, type FormProblem } from '../../components/ProblemAlert.js';
import { limitedText } from '../../components/text-limit.js';
import { nextPeriodValues, validateNextPeriod, type NextPeriodValues } from './next-period.js';
import { engagementRoot } from '../../paths.js';
import { formatDate } from '../../dates.js';
import { DateField } from '../../components/DateField.js';

export function NextPeriodForm({ current }: { current: Engagement }) {
  const headingId = useId();
  const navigate = useNavigate();
  const open = useOpenNextPeriod();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useForm<NextPeriodValues>({ initialValues: nextPeriodValues(current), validate: validateNextPeriod(current) });

  const submit = (values: NextPeriodValues) => {
    setProblem(null);
    open.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (next) => {
          notifySaved(`${next.name} is open: its controls are carried forward and wait for their tests.`);
          navigate(engagementRoot(next.organizationId, next.id));
        },
        onError: (error) => {
          const refusal = refusalOf(error, Object.keys(values));
          form.setErrors(refusal.errors);
          setProblem({ message: refusal.message, details: refusal.other });
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <form onSubmit={form.onSubmit(submit)} aria-label="Open the next period" noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id={headingId}>
            Open the next period
          </Title>
          <Text size="sm" c="dimmed">
            A new engagement for the period after {formatDate(current.periodEnd)}: the system, its controls and how each is tested
            are carried forward; no sample or population is, since a new period needs new evidence. This period stays
            as it is.
          </Text>
          {problem && <ProblemAlert title="Not opened" problem={problem} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Name of the new engagement" withAsterisk {...limitedText(form, 'name', MAX_NAME_LENGTH)} />
            <DateField label="Period start" withAsterisk {...form.getInputProps('periodStart')} />
            <DateField label="Period end" withAsterisk {...form.getInputProps('periodEnd')} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={open.isPending}>
              Open the next period
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
