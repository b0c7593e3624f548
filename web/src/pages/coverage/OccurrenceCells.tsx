/**
 * A control's occurrences over the period as a row of cells, one per window, coloured by whether evidence covers
 * it: labelled badges for a few windows, small squares (named for screen readers and in a tooltip) for many.
 */
import { Badge, Box, Group, Tooltip } from '@mantine/core';
import type { OccurrenceView } from '../../api/coverage.js';
import { statusColour } from '../../components/StatusBadge.js';
import { LABELLED_CELLS, occurrenceDescription } from './calendar.js';

export function OccurrenceCells({ occurrences }: { occurrences: readonly OccurrenceView[] }) {
  const compact = occurrences.length > LABELLED_CELLS;
  return (
    <Group gap={compact ? 2 : 4} role="list" aria-label="Occurrences">
      {occurrences.map((o) => (
        <Tooltip key={o.from} label={occurrenceDescription(o)} withinPortal>
          {compact ? (
            <Box
              role="listitem"
              aria-label={occurrenceDescription(o)}
              data-status={o.status}
              w={10}
              h={10}
              bg={`var(--mantine-color-${statusColour(o.status)}-${o.status === 'missing' ? 6 : 3})`}
              style={{ borderRadius: 2 }}
            />
          ) : (
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
          )}
        </Tooltip>
      ))}
    </Group>
  );
}
