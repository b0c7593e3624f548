/**
 * Enumerated values in words, in one place for the web: the domain's (`words`, category, frequency and role
 * names, which the server's renderers use too) and the web's own (what each role may do, the lifecycle's steps).
 */
import { ROLES, type Role } from '@assay/domain/access/permissions.js';
import type { FindingStatus } from '@assay/domain/findings/model.js';
import { CATEGORY_NAMES, FREQUENCY_NAMES, ROLE_NAMES, words } from '@assay/domain/format.js';
import type { OpinionKind } from '@assay/domain/evaluation/result.js';
import { withArticle } from './words.js';

/** A status, conclusion, severity or other enumerated value: `effective_with_exceptions` → `effective with exceptions`. */
export function statusLabel(value: string): string {
  return words(value);
}

/** The opinion as the words after "the opinion becomes" name it: unmodified, qualified, adverse, a disclaimer. */
export function opinionPhrase(kind: OpinionKind): string {
  return kind === 'disclaimer' ? 'a disclaimer' : statusLabel(kind);
}

/** The opinion with its article and noun: "an unmodified opinion", "an adverse opinion", "a disclaimer of opinion". */
export function anOpinion(kind: OpinionKind): string {
  return kind === 'disclaimer' ? 'a disclaimer of opinion' : withArticle(`${statusLabel(kind)} opinion`);
}

/** `processing-integrity` → `Processing integrity` (an unknown category as it is written). */
export function categoryLabel(category: string): string {
  return CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES] ?? category;
}

export function frequencyLabel(frequency: string): string {
  return FREQUENCY_NAMES[frequency as keyof typeof FREQUENCY_NAMES] ?? frequency;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = ROLE_NAMES;

/** What each role may do (DESIGN §6, the permission table), as a person chooses among them. */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'everything, including members and API tokens',
  compliance: 'manages the programme: engagements, controls, tests',
  owner: 'reads everything, edits the controls it owns',
  auditor: 'reads everything, records tests, samples and conclusions',
  viewer: 'reads',
};

/** The button that takes a finding to a status, in the words of the step. */
export const STEP_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Reopen',
  analysing: 'Start analysing',
  remediating: 'Start remediating',
  ready_for_retest: 'Ready for retest',
  closed: 'Close the finding',
  risk_accepted: 'Accept the risk',
  false_positive: 'Mark as false positive',
};

/** The options of a select: each value with its label (by default the value in words). */
export function optionsOf<T extends string>(values: readonly T[], label: (value: T) => string = statusLabel): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export const ROLE_OPTIONS = optionsOf(ROLES, (role) => ROLE_LABELS[role]);
