/** A risk of the register: what could go wrong, how likely and how bad, and what is done about it. */

/** What the organisation does about a risk (the usual four answers of a risk register). */
export const RISK_TREATMENTS = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];

/** A score's band, from a likelihood × impact of 1 to 25 (see `riskLevel`). */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Likelihood and impact are each rated 1 (rare, minor) to 5 (almost certain, severe). */
export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** Management's acceptance of a risk it does not reduce further: who decided, why, and until when. */
export interface RegisterAcceptance {
  approver: string;
  reason: string;
  /** The day the acceptance lapses (YYYY-MM-DD): from then on it must be decided again. */
  expiresOn: string;
}

export interface Risk {
  /** The risk's code in its engagement, e.g. R-001. */
  code: string;
  title: string;
  /** What could happen and how, in the organisation's words. */
  scenario: string;
  owner: string;
  category: string;
  likelihood: number;
  impact: number;
  treatment: RiskTreatment;
  /** The engagement's controls that mitigate it (their ids). */
  controls: string[];
  criteria: string[];
  /** The findings that raised the risk or were linked to it (their codes). */
  findings: string[];
  acceptance: RegisterAcceptance | null;
  lastReviewedOn: string | null;
  nextReviewOn: string | null;
}
