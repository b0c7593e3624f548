/** A page's heading: its title, and a line under it in smaller, dimmed words. */
import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeading({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed" size="sm">
        {children}
      </Text>
    </Stack>
  );
}
