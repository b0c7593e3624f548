/**
 * The description's part in the examination: its warnings, and the undisclosed significant incidents offered to
 * the engine as description misstatements, appended to those the engagement states, so the description opinion
 * is qualified as DESIGN §5 says. Every loader of an examination that has a description goes through here.
 */
import type { Engagement, Examination } from '../engagement.js';
import { descriptionMisstatements, descriptionWarnings, significantIncidents, type DescriptionWarning, type IncidentCandidate } from './checks.js';
import type { SystemDescription } from './model.js';

export interface DescribedExamination {
  examination: Examination;
  warnings: DescriptionWarning[];
}

/**
 * The examination with its description's misstatements, and the description's warnings. Without a description
 * (none recorded) the examination is unchanged and nothing warns: there is nothing to judge as misstated.
 */
export function withDescription(examination: Examination, description: SystemDescription | null, findings: readonly IncidentCandidate[]): DescribedExamination {
  if (description === null) return { examination, warnings: [] };
  const warnings = descriptionWarnings(description, examination.engagement.notApplicable, significantIncidents(findings, examination.controls));
  return { examination: misstatedBy(examination, warnings), warnings };
}

/**
 * The examination (or as much of it as the caller read: its engagement is what changes) with the misstatements a
 * recorded description's warnings amount to appended to the engagement's.
 */
export function misstatedBy<T extends { engagement: Pick<Engagement, 'misstatements'> }>(examination: T, warnings: readonly DescriptionWarning[]): T {
  const added = descriptionMisstatements(warnings);
  if (added.length === 0) return examination;
  return { ...examination, engagement: { ...examination.engagement, misstatements: [...examination.engagement.misstatements, ...added] } };
}
