/** The cover and page header every document shares: the organisation, the system and the period. */
import type { DocumentMeta } from '../document/model.js';
import type { ReportData } from './data.js';
import { periodDates } from './words.js';

export function documentMeta(data: ReportData, title: string, extra: Partial<Pick<DocumentMeta, 'subtitle' | 'draftNotice'>> = {}): DocumentMeta {
  const { engagement } = data.examination;
  return {
    title,
    subtitle: extra.subtitle ?? null,
    organization: engagement.organization,
    system: engagement.system,
    // "Type 2, 1 Jan 2026 to 30 Jun 2026": the report's type and its dates as the organisation writes dates.
    period: `${engagement.reportType === 'type2' ? 'Type 2' : 'Type 1'}, ${periodDates(engagement, data.locale)}`,
    draftNotice: extra.draftNotice ?? null,
    generatedAt: data.generatedAt,
    locale: data.locale,
  };
}
