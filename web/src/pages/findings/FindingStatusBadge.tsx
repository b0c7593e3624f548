/** A finding's lifecycle status as a badge, labelled so a screen reader hears what it is. */
import { Badge, type BadgeProps } from '@mantine/core';
import type { FindingStatus } from '../../api/findings.js';
import { STATUS_COLOURS } from './format.js';
import { statusLabel } from '../../labels.js';

export function FindingStatusBadge({ status, ...props }: { status: FindingStatus } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" aria-label={`Status: ${statusLabel(status)}`} {...props}>
      {statusLabel(status)}
    </Badge>
  );
}
