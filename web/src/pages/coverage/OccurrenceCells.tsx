/** A control's occurrences over the period as a row of cells, one per window, coloured by whether evidence covers it. */
import { Badge, Group, Tooltip } from '@mantine/core';
import type { OccurrenceView } from '../../api/coverage.js';
import { statusColour } from '../../components/StatusBadge.js';
import { occurrenceDescription } from './calendar.js';

export function OccurrenceCells({ occurrences }: { occurrences: readonly OccurrenceView[] }) {
  return (
    <Group gap={4} role="list" aria-label="Occurrences">
      {occurrences.map((o) => (
        <Tooltip key={o.from} label={occurrenceDescription(o)} withinPortal>
          <Badge
            role="listitem"
            aria-label={occurrenceDescription(o)}
            data-status={o.status}
            color={statusColour(o.status)}
            variant={o.status === 'missing' ? 'filled' : 'light'}
            radius="sm"
            tt="none"
          >
            {o.label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
