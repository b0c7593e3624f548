import { describe, expect, test } from 'vitest';
import { CATEGORIES, CRITERIA, criteriaOfCategories, findCriterion, isCriterionId, seriesOf } from './catalogue.js';

describe('the Trust Services Criteria catalogue (reference §1)', () => {
  test('holds 61 criteria: 33 CC, 3 A, 2 C, 5 PI, 18 P', () => {
    expect(CRITERIA).toHaveLength(61);
    const count = (category: string) => CRITERIA.filter((c) => c.category === category).length;
    expect(count('security')).toBe(33);
    expect(count('availability')).toBe(3);
    expect(count('confidentiality')).toBe(2);
    expect(count('processing-integrity')).toBe(5);
    expect(count('privacy')).toBe(18);
  });

  test('ids are unique and each category uses its own prefix', () => {
    expect(new Set(CRITERIA.map((c) => c.id)).size).toBe(CRITERIA.length);
    const prefix = { security: /^CC\d\.\d$/, availability: /^A1\.\d$/, confidentiality: /^C1\.\d$/, 'processing-integrity': /^PI1\.\d$/, privacy: /^P\d\.\d$/ };
    for (const c of CRITERIA) expect(c.id).toMatch(prefix[c.category]);
  });

  test('the series is the part of the id before the dot', () => {
    expect(seriesOf('CC6.2')).toBe('CC6');
    expect(seriesOf('PI1.5')).toBe('PI1');
    expect(seriesOf('P4.3')).toBe('P4');
    expect(seriesOf('CC6')).toBe('CC6');
    for (const c of CRITERIA) expect(c.series).toBe(c.id.split('.')[0]);
  });

  test('spans the series CC1–CC9, A1, C1, PI1 and P1–P8', () => {
    const series = [...new Set(CRITERIA.map((c) => c.series))];
    expect(series).toEqual([
      'CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9',
      'A1', 'C1', 'PI1',
      'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8',
    ]);
  });

  test('finds a criterion by id and knows which ids exist', () => {
    expect(findCriterion('CC6.2')).toMatchObject({ id: 'CC6.2', series: 'CC6', category: 'security' });
    expect(findCriterion('A1.3')?.category).toBe('availability');
    expect(findCriterion('CC6.9')).toBeUndefined();
    expect(isCriterionId('P8.1')).toBe(true);
    expect(isCriterionId('P8.2')).toBe(false);
    expect(isCriterionId('cc6.1')).toBe(false);
  });
});

describe('criteriaOfCategories', () => {
  test('with no optional category gives the 33 common criteria', () => {
    const chosen = criteriaOfCategories([]);
    expect(chosen).toHaveLength(33);
    expect(chosen.every((c) => c.category === 'security')).toBe(true);
  });

  test('always includes security, whatever is chosen', () => {
    for (const category of CATEGORIES) {
      const chosen = criteriaOfCategories([category]);
      expect(chosen.filter((c) => c.category === 'security')).toHaveLength(33);
    }
    expect(criteriaOfCategories(['privacy']).map((c) => c.category)).toContain('security');
  });

  test('adds exactly the chosen categories, in catalogue order', () => {
    const chosen = criteriaOfCategories(['confidentiality', 'availability']);
    expect(chosen).toHaveLength(33 + 3 + 2);
    expect(chosen.some((c) => c.category === 'privacy')).toBe(false);
    expect(chosen.map((c) => c.id).slice(33)).toEqual(['A1.1', 'A1.2', 'A1.3', 'C1.1', 'C1.2']);
    expect(criteriaOfCategories([...CATEGORIES])).toHaveLength(61);
  });
});
