import { describe, expect, it } from 'vitest';
import type { RiskView } from '../../api/risks.js';
import { heatMap } from './heat-map.js';

const risk = (inherent: [number, number], residual: [number, number]) =>
  ({
    assessment: {
      inherent: { likelihood: inherent[0], impact: inherent[1] },
      residual: { likelihood: residual[0], impact: residual[1] },
    },
  }) as RiskView;

describe('heat map', () => {
  it('counts risks in the cell of their likelihood and impact, likelihood 5 in the top row', () => {
    const risks = [risk([4, 5], [2, 5]), risk([4, 5], [4, 5]), risk([1, 1], [1, 1])];
    const inherent = heatMap(risks, 'inherent');
    expect(inherent).toHaveLength(5);
    expect(inherent[1]?.[4]).toMatchObject({ likelihood: 4, impact: 5, count: 2, level: 'critical' });
    expect(inherent[4]?.[0]).toMatchObject({ likelihood: 1, impact: 1, count: 1, level: 'low' });
    const residual = heatMap(risks, 'residual');
    expect(residual[3]?.[4]).toMatchObject({ likelihood: 2, impact: 5, count: 1, level: 'high' });
    expect(residual.flat().reduce((n, c) => n + c.count, 0)).toBe(3);
  });
});
