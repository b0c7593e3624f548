import { describe, expect, it } from 'vitest';
import * as domain from '@assay/domain/index.js';
import { LABELS, anOpinion, categoryLabel, frequencyLabel, opinionPhrase, ROLE_LABELS, statusLabel } from './labels.js';

/**
 * Enumerations whose values are identifiers, never shown as words: export formats and column types (written as in
 * a check's YAML), audit event types (shown as the log writes them), permissions, the archive filter and the ways
 * of recording a selection (request values, each offered in a sentence of its own), and the conclusions' order
 * (the conclusions themselves are labelled).
 */
const IDENTIFIERS = new Set([
  'EVIDENCE_FORMATS',
  'COLUMN_TYPES',
  'AUDIT_EVENT_TYPES',
  'ACTIONS',
  'ARCHIVED_FILTERS',
  'TEST_CHANGES',
  'CONCLUSION_ORDER',
  'REQUEST_CSV_COLUMNS',
]);
/** Enumerations with their own name tables (which the server's renderers share). */
const NAMED: Record<string, (value: string) => string> = {
  CATEGORIES: categoryLabel,
  FREQUENCIES: frequencyLabel,
  ROLES: (role) => ROLE_LABELS[role as keyof typeof ROLE_LABELS],
};

/** Every exported list of string values in the domain: its enumerations. */
const enumerations = (Object.entries(domain) as [string, unknown][]).filter(
  (entry): entry is [string, readonly string[]] =>
    /^[A-Z_]+$/.test(entry[0]) && Array.isArray(entry[1]) && entry[1].length > 0 && entry[1].every((v) => typeof v === 'string'),
);

describe('labels', () => {
  it('finds the domain’s enumerations', () => {
    expect(enumerations.map(([name]) => name)).toEqual(expect.arrayContaining(['CONTROL_CONCLUSIONS', 'FINDING_SOURCES', 'ACTION_STATES']));
  });

  it.each(enumerations.filter(([name]) => !IDENTIFIERS.has(name)))('every value of %s has its words in one place', (name, values) => {
    for (const value of values) {
      const label = NAMED[name]?.(value) ?? LABELS[value];
      expect(label, `${name}: ${value}`).toBeDefined();
      expect(label, `${name}: ${value}`).not.toMatch(/[_]/);
    }
  });

  it('writes values as people read them', () => {
    expect(statusLabel('self_identified')).toBe('self-identified');
    expect(statusLabel('effective_with_exceptions')).toBe('effective with exceptions');
    expect(statusLabel('type2')).toBe('Type 2');
    expect(statusLabel('undated')).toBe('no due date');
  });

  it('puts the right article before an opinion', () => {
    expect(anOpinion('adverse')).toBe('an adverse opinion');
    expect(anOpinion('unmodified')).toBe('an unmodified opinion');
    expect(anOpinion('qualified')).toBe('a qualified opinion');
    expect(anOpinion('disclaimer')).toBe('a disclaimer of opinion');
    expect(opinionPhrase('disclaimer')).toBe('a disclaimer');
  });
});
