/** The setup page without the screen: a new engagement's first values. */
import { DEFAULT_PERVASIVENESS, DEFAULT_SAMPLING } from '@assay/domain/engagement.js';
import type { StarterAnswers } from '@assay/domain/starter/index.js';
import type { EngagementFormValues } from '../settings/engagement-form.js';

export const NO_ANSWERS: StarterAnswers = { cloudProvider: false, personalData: false, hrSystem: false, developsSoftware: false };

/** A Type 2 engagement over the current half-year, security only, with the engine's default thresholds. */
export function firstEngagementValues(today: Date): EngagementFormValues {
  const year = today.getUTCFullYear();
  const firstHalf = today.getUTCMonth() < 6;
  return {
    name: `SOC 2 ${year}`,
    system: '',
    reportType: 'type2',
    periodStart: firstHalf ? `${year}-01-01` : `${year}-07-01`,
    periodEnd: firstHalf ? `${year}-06-30` : `${year}-12-31`,
    categories: ['security'],
    confidence: DEFAULT_SAMPLING.confidence,
    tolerableRate: DEFAULT_SAMPLING.tolerableRate,
    minSeries: DEFAULT_PERVASIVENESS.minSeries,
    minShare: DEFAULT_PERVASIVENESS.minShare,
    misstatements: [],
  };
}
