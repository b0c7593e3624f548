/**
 * The examination as the result was formed from it: with the period's missing evidence occurrences as failed
 * samples (docs/coverage.md). A document reads samples and what-ifs from this, so its deviations and its forecasts
 * agree with the result whether the data's examination already had the coverage applied or not.
 */
import { applyCoverage, type Examination } from '../../domain/index.js';
import type { ReportData } from './data.js';

export function examinedWithCoverage(data: Pick<ReportData, 'examination' | 'coverage'>): Examination {
  return applyCoverage(data.examination, data.coverage);
}
