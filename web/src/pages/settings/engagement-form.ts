/**
 * The engagement settings form without the screen: values from an engagement, the checks (the server's own,
 * so a person hears of a problem before sending), the PATCH body, and server issues placed on their fields.
 */
import type { Engagement } from '../../api/programme.js';
import type { EngagementChanges } from '../../api/settings.js';
import { CATEGORIES, type Category } from '@assay/domain/criteria/catalogue.js';
import { isRealDate, periodProblems } from '@assay/domain/dates.js';
import { MAX_LIST_LENGTH as MAX_MISSTATEMENTS, MAX_NAME_LENGTH, MAX_PERVASIVE_SERIES as MAX_MIN_SERIES, MAX_TEXT_LENGTH } from '@assay/contract/limits.js';
import { notARealDate } from '../../dates.js';

export { MAX_MISSTATEMENTS };

export { CATEGORIES };

export interface EngagementFormValues {
  name: string;
  system: string;
  reportType: 'type1' | 'type2';
  /** YYYY-MM-DD, or '' (a type 1 report has no start). */
  periodStart: string;
  periodEnd: string;
  categories: Category[];
  /** Numbers, or '' while the field is empty (NumberInput's empty value). */
  confidence: number | string;
  tolerableRate: number | string;
  minSeries: number | string;
  minShare: number | string;
  misstatements: { text: string; pervasive: boolean }[];
}

export function valuesOf(engagement: Engagement): EngagementFormValues {
  return {
    name: engagement.name,
    system: engagement.system,
    reportType: engagement.reportType,
    periodStart: engagement.periodStart ?? '',
    periodEnd: engagement.periodEnd,
    categories: withSecurity(engagement.categories.filter(isCategory)),
    confidence: engagement.sampling.confidence,
    tolerableRate: engagement.sampling.tolerableRate,
    minSeries: engagement.pervasiveness.minSeries,
    minShare: engagement.pervasiveness.minShare,
    misstatements: engagement.misstatements.map((m) => ({ text: m.text, pervasive: m.pervasive })),
  };
}

function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Security is always in scope (DESIGN §4), first; the others in the catalogue's order. */
export function withSecurity(categories: readonly Category[]): Category[] {
  return CATEGORIES.filter((c) => c === 'security' || categories.includes(c));
}

const asNumber = (value: number | string): number | null =>
  typeof value === 'number' ? value : value.trim() === '' ? null : Number.isFinite(Number(value)) ? Number(value) : null;

function text(value: string, what: string, max: number): string | null {
  if (value.trim() === '') return `Enter the ${what}`;
  if (value.trim().length > max) return `At most ${max} characters`;
  return null;
}

/** A rate strictly between 0 and 1, as the engine needs (a confidence of 1 has no bound; a tolerable rate of 0 nothing to tolerate). */
function rate(value: number | string): string | null {
  const n = asNumber(value);
  if (n === null) return 'Enter a number between 0 and 1, e.g. 0.90';
  return n > 0 && n < 1 ? null : 'Must be between 0 and 1 (both excluded)';
}

/** Mantine form validation: one message per field path; the same rules the server applies. */
export const validateEngagement = {
  name: (value: string) => text(value, 'engagement name', MAX_NAME_LENGTH),
  system: (value: string) => text(value, 'system name', MAX_NAME_LENGTH),
  periodStart: (value: string, values: EngagementFormValues) => {
    if (values.reportType === 'type1') return null;
    if (value === '') return 'A Type 2 report needs the first day of the period';
    if (!isRealDate(value)) return notARealDate();
    return periodProblems({ periodStart: value, periodEnd: values.periodEnd })[0]?.message ?? null;
  },
  periodEnd: (value: string, values: EngagementFormValues) => {
    if (value === '') return values.reportType === 'type2' ? 'Enter the last day of the period' : 'Enter the "as of" date';
    return isRealDate(value) ? null : notARealDate();
  },
  confidence: rate,
  tolerableRate: rate,
  minSeries: (value: number | string) => {
    const n = asNumber(value);
    return n !== null && Number.isInteger(n) && n >= 1 && n <= MAX_MIN_SERIES ? null : `A whole number from 1 to ${MAX_MIN_SERIES}`;
  },
  minShare: (value: number | string) => {
    const n = asNumber(value);
    return n !== null && n > 0 && n <= 1 ? null : 'A share above 0 and at most 1, e.g. 0.25';
  },
  // Each item of a list is checked by a nested rule; the list's length is bounded by the editor.
  misstatements: { text: (value: string) => text(value, 'misstatement', MAX_TEXT_LENGTH) },
};

/** The PATCH body's fields (without `version`): every field of the form, checked values only. */
export function changesOf(values: EngagementFormValues): EngagementChanges {
  return {
    name: values.name.trim(),
    system: values.system.trim(),
    reportType: values.reportType,
    periodStart: values.reportType === 'type2' ? values.periodStart : null,
    periodEnd: values.periodEnd,
    categories: withSecurity(values.categories),
    sampling: { confidence: Number(values.confidence), tolerableRate: Number(values.tolerableRate) },
    pervasiveness: { minSeries: Number(values.minSeries), minShare: Number(values.minShare) },
    misstatements: values.misstatements.map((m) => ({ text: m.text.trim(), pervasive: m.pervasive })),
  };
}

/** The server's paths of the fields the form shows under other names (`$.sampling.confidence` → confidence). */
export const ENGAGEMENT_FIELD_ALIASES: Readonly<Record<string, string>> = {
  'sampling.confidence': 'confidence',
  'sampling.tolerableRate': 'tolerableRate',
  'pervasiveness.minSeries': 'minSeries',
  'pervasiveness.minShare': 'minShare',
};

