/** A value in a line of small text, after its label in dimmed words ("Source: readiness gap"). */
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm" component="div">
      <Text span c="dimmed">
        {label}:{' '}
      </Text>
      {children}
    </Text>
  );
}
