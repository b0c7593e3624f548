/** Why a form was not saved: the server's words, the issues no field shows, and a reload when someone else changed it. */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';

export interface FormProblem {
  message: string;
  /** The server's issues that name no field of the form. */
  details: string[];
}

export function ProblemAlert({ title, problem, reload }: { title: string; problem: FormProblem; reload?: () => void }) {
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap="xs">
        <Text size="sm">{problem.message}</Text>
        {problem.details.map((d) => (
          <Text size="sm" key={d}>
            {d}
          </Text>
        ))}
        {reload && (
          <Group>
            <Button size="xs" variant="light" onClick={reload}>
              Reload
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
