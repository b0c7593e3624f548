/** The cover and page header every document shares: the organisation, the system and the period. */
import type { DocumentMeta } from '../document/model.js';
import { describePeriod } from '../wording.js';
import type { ReportData } from './data.js';

export function documentMeta(data: ReportData, title: string, extra: Partial<Pick<DocumentMeta, 'subtitle' | 'draftNotice'>> = {}): DocumentMeta {
  const { engagement } = data.examination;
  return {
    title,
    subtitle: extra.subtitle ?? null,
    organization: engagement.organization,
    system: engagement.system,
    period: describePeriod(engagement),
    draftNotice: extra.draftNotice ?? null,
    generatedAt: data.generatedAt,
    locale: data.locale,
  };
}
