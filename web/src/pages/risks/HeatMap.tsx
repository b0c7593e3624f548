/** A 5×5 grid of likelihood by impact, a count in each cell; a cell clicked filters the register to its risks. */
import { Stack, Text, UnstyledButton } from '@mantine/core';
import type { RiskLevel } from '@assay/domain/risks/index.js';
import type { RiskView } from '../../api/risks.js';
import { SectionCard } from '../../components/SectionCard.js';
import { statusLabel } from '../../labels.js';
import { RATINGS_UP, heatMap, type Axis, type Cell } from './heat-map.js';

export const LEVEL_COLOURS: Record<RiskLevel, string> = {
  low: 'var(--mantine-color-green-2)',
  medium: 'var(--mantine-color-yellow-3)',
  high: 'var(--mantine-color-orange-4)',
  critical: 'var(--mantine-color-red-5)',
};

const size = 44;

export function HeatMap(props: { axis: Axis; risks: readonly RiskView[]; chosen: (Cell & { axis: Axis }) | null; onChoose: (cell: (Cell & { axis: Axis }) | null) => void }) {
  const { axis, risks, chosen, onChoose } = props;
  const title = axis === 'inherent' ? 'Inherent risk' : 'Residual risk';
  return (
    <SectionCard title={title}>
      <Stack gap={4} data-testid={`heat-map-${axis}`} role="grid" aria-label={`${title}: likelihood by impact`}>
        {heatMap(risks, axis).map((row) => (
          <div key={row[0]?.likelihood} role="row" style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
            <Text size="xs" w={70} ta="right" c="dimmed">
              likelihood {row[0]?.likelihood}
            </Text>
            {row.map((cell) => {
              const selected = chosen?.axis === axis && chosen.likelihood === cell.likelihood && chosen.impact === cell.impact;
              return (
                <UnstyledButton
                  key={cell.impact}
                  role="gridcell"
                  aria-selected={selected}
                  aria-label={`${title}, likelihood ${cell.likelihood}, impact ${cell.impact} (${statusLabel(cell.level)}): ${cell.count} risk${cell.count === 1 ? '' : 's'}`}
                  data-cell={`${cell.likelihood}-${cell.impact}`}
                  onClick={() => onChoose(selected ? null : { axis, likelihood: cell.likelihood, impact: cell.impact })}
                  style={{
                    width: size,
                    height: size,
                    background: LEVEL_COLOURS[cell.level],
                    borderRadius: 4,
                    outline: selected ? '3px solid var(--mantine-color-blue-7)' : undefined,
                    textAlign: 'center',
                    fontWeight: 700,
                    color: 'var(--mantine-color-dark-9)',
                  }}
                >
                  {cell.count > 0 ? cell.count : ''}
                </UnstyledButton>
              );
            })}
          </div>
        ))}
        <div style={{ display: 'flex', gap: 4 }}>
          <Text size="xs" w={70} />
          {RATINGS_UP.map((impact) => (
            <Text key={impact} size="xs" c="dimmed" w={size} ta="center">
              impact {impact}
            </Text>
          ))}
        </div>
      </Stack>
    </SectionCard>
  );
}
