/**
 * A titled part of a page: a bordered card that is a section, named by its heading for assistive technology, with
 * what stands beside the heading (an action, a status) at its right.
 */
import { Button, Card, Group, Stack, Title, type MantineSpacing } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export function SectionCard(props: { title: string; size?: 'h3' | 'h4'; padding?: MantineSpacing; aside?: ReactNode; children: ReactNode }) {
  const { title, size = 'h4', padding = 'lg', aside, children } = props;
  const headingId = useId();
  const heading = (
    <Title order={2} size={size} id={headingId}>
      {title}
    </Title>
  );
  return (
    <Card withBorder padding={padding} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        {aside === undefined ? (
          heading
        ) : (
          <Group justify="space-between">
            {heading}
            {aside}
          </Group>
        )}
        {children}
      </Stack>
    </Card>
  );
}

/** The button beside a section's heading that starts a change of the section (add, record, write). */
export function SectionAction({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button variant="default" size="xs" onClick={onClick}>
      {children}
    </Button>
  );
}
