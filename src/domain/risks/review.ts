/** What needs a person's attention on a risk: an acceptance that lapsed, a review that is late. */
import type { Risk } from './model.js';

export const RISK_FLAGS = ['acceptance_expired', 'acceptance_missing', 'review_overdue'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/**
 * The risk's flags as of `today` (YYYY-MM-DD): an accepted risk without an acceptance on record, or whose
 * acceptance expires on or before today; a next review date that has passed. Dates compare as text (fixed width).
 */
export function riskFlags(risk: Pick<Risk, 'treatment' | 'acceptance' | 'nextReviewOn'>, today: string): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (risk.treatment === 'accept' && risk.acceptance === null) flags.push('acceptance_missing');
  if (risk.acceptance !== null && risk.acceptance.expiresOn <= today) flags.push('acceptance_expired');
  if (risk.nextReviewOn !== null && risk.nextReviewOn < today) flags.push('review_overdue');
  return flags;
}
