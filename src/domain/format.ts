/** Wording shared by every reason the engine writes, and enumerated values in words for every reader. */
import type { Role } from './access/permissions.js';
import type { Category } from './criteria/catalogue.js';
import type { Frequency } from './engagement.js';

/** 0.0880 → "8.8%"; 0.1 → "10%". */
export function percent(rate: number): string {
  const value = Math.round(rate * 1000) / 10;
  return `${value}%`;
}

/** Rounds a rate for presentation; comparisons always use the unrounded value. */
export function roundRate(rate: number): number {
  return Math.round(rate * 10_000) / 10_000;
}

export function list(ids: readonly string[]): string {
  return ids.join(', ');
}

/** An enumerated value in words: `effective_with_exceptions` → `effective with exceptions`. */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}

/** The report categories as the criteria name them: `processing-integrity` → `Processing integrity`. */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  security: 'Security',
  availability: 'Availability',
  confidentiality: 'Confidentiality',
  'processing-integrity': 'Processing integrity',
  privacy: 'Privacy',
};

/** How often a control operates, in words. */
export const FREQUENCY_NAMES: Readonly<Record<Frequency, string>> = {
  annual: 'Annual',
  semiannual: 'Semiannual',
  quarterly: 'Quarterly',
  monthly: 'Monthly',
  weekly: 'Weekly',
  daily: 'Daily',
  'multiple-daily': 'Several times a day',
  event: 'Event-driven',
  automated: 'Automated',
};

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  compliance: 'Compliance',
  owner: 'Control owner',
  auditor: 'Auditor',
  viewer: 'Viewer',
};
