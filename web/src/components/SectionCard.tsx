/** A titled part of a page: a bordered card that is a section, named by its heading for assistive technology. */
import { Card, Stack, Title, type MantineSpacing } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export function SectionCard(props: { title: string; size?: 'h3' | 'h4'; padding?: MantineSpacing; children: ReactNode }) {
  const { title, size = 'h4', padding = 'lg', children } = props;
  const headingId = useId();
  return (
    <Card withBorder padding={padding} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size={size} id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
