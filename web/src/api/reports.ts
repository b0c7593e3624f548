/**
 * Report sections of the engagement: the "other information" section (management's approved responses to the
 * exceptions) as a Markdown download, and which responses it gives and leaves out. Shapes as the server sends
 * them (src/server/routes/reports/schemas.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import { useScope } from './programme.js';

/** What `GET …/reports/other-information/summary` answers. */
export interface OtherInformationSummary {
  /** Codes of the findings whose approved response the section gives. */
  approved: string[];
  /** Codes of the findings whose response is still a draft, left out. */
  drafts: string[];
  fileName: string;
}

/** The download's address, under /api/v1 like every request the app makes (the browser saves it under the server's name). */
export function useOtherInformationDownload(): string {
  const { base } = useScope();
  return `/api/v1${base}/reports/other-information`;
}

export function useOtherInformationSummary() {
  const { organizationId, engagementId, base } = useScope();
  return useQuery({
    queryKey: ['other-information', organizationId, engagementId],
    queryFn: () => api<OtherInformationSummary>('GET', `${base}/reports/other-information/summary`),
  });
}
